// Round trip of what inline asm writes and -S must print with care. First, instructions clang's assembly syntax
// cannot spell, which inline asm writes as bytes (the selftests' verifier_ld_ind.c, verifier_cgroup_storage.c,
// verifier_map_ret_val.c, verifier_uninit.c): ld_ind with a non-zero imm (the syntax "r0 = *(u32 *)skb[r7]" has
// no place for it), ld_imm64 of a pseudo source without a symbol ("r1 = 1 ll" would lose src = 1; two slots),
// and a register past r10. -S prints them as .8byte slots, which must assemble back to the same bytes.
__attribute__((section("socket"), naked)) int ld_ind_imm(void *ctx)
{
    asm volatile("r6 = r1; r7 = 1; .8byte 0xffe0000000007040; r0 = 0; exit");
}
__attribute__((section("socket"), naked)) int pseudo_ld_imm64(void *ctx)
{
    asm volatile(".8byte 0x100001118; .8byte 0; r0 = 0; exit");
}
__attribute__((section("socket"), naked)) int past_r10(void *ctx)
{
    asm volatile(".8byte 0xf0bf; exit");
}
// A jump to a label after the asm's last instruction (verifier_cfg.c's out_of_range_jump): the label is printed
// at the end of the function, so the jump reaches past it as in the object.
__attribute__((section("socket"), naked)) int jump_past_the_end(void *ctx)
{
    asm volatile("goto l0_%=; exit; l0_%=:" ::: "memory");
}
__attribute__((section("socket"), naked)) int after_it(void *ctx)
{
    asm volatile("r0 = 0; exit");
}
