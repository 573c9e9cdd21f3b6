// A .S input: preprocessed (with __ASSEMBLER__ defined) before it is assembled.
#define RET_VALUE 2
#ifdef __ASSEMBLER__
	.text
	.file	"macro.S"
	.section	xdp,"ax",@progbits
	.globl	prog
	.p2align	3
	.type	prog,@function
prog:
	r0 = RET_VALUE
	if r1 == 0 goto LBB0_2
	r0 = counter ll
	r0 = *(u32 *)(r0 + 0)
LBB0_2:
	exit
.Lfunc_end0:
	.size	prog, .Lfunc_end0-prog
	.type	counter,@object
	.section	.bss,"aw",@nobits
	.globl	counter
	.p2align	2, 0x0
counter:
	.zero	4
	.size	counter, 4
#endif
