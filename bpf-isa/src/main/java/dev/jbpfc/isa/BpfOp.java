package dev.jbpfc.isa;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The BPF instruction set as data: one row per instruction form, read by the encoder ({@link BpfEncoder}), the
 * disassembler ({@link BpfDisassembler}), the {@code -S} printer ({@link BpfAsmSyntax}) and the inline-asm
 * assembler. Nothing else in the backend knows opcode bits.
 *
 * <p>A row is: the opcode byte (class | operation | source or size | mode), an optional key field that tells forms
 * sharing an opcode byte apart (sdiv is div with {@code off = 1}; {@code r1 = (s8)r2} is mov with
 * {@code off = 8}; {@code r1 = bswap16 r1} has {@code imm = 16}; an atomic's operation is its {@code imm}), the
 * operand shape, the first {@code -mcpu} at which clang emits it, and its assembly syntax as clang prints it.
 *
 * <p>Example: {@code ADD64_IMM} is opcode {@code 0x07} (ALU64 | ADD | K), shape ALU_IMM, syntax
 * {@code "{rd} += {imm}"}: the instruction {@code 07 01 00 00 05 00 00 00} prints as {@code r1 += 0x5} in
 * llvm-objdump's style and {@code r1 += 5} in {@code clang -S}'s.
 *
 * <p>Syntax placeholders: {@code {rd}}/{@code {wd}} the dst register as rN/wN, {@code {rs}}/{@code {ws}} the
 * src register, {@code {imm}} the 32-bit immediate, {@code {imm64}} the 64-bit immediate of ld_imm64,
 * {@code {moff}} a memory displacement (" + 0x8", " - 0x2"), {@code {off}} a 16-bit jump target, {@code {jimm}}
 * a 32-bit jump target (gotol), {@code {call}} a call target, {@code {ash}}/{@code {asl}} the two halves of an
 * addr_space_cast's imm. {@code syntax64} is the spelling without 32-bit subregisters (llvm-objdump
 * {@code --mcpu=v1}, {@code clang -S -mcpu=v1/v2}) where it differs.
 */
public enum BpfOp {
    // ---- ALU64 (class 0x07) -------------------------------------------------------------------------------
    ADD64_REG(0x0f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} += {rs}"),
    ADD64_IMM(0x07, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} += {imm}"),
    SUB64_REG(0x1f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} -= {rs}"),
    SUB64_IMM(0x17, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} -= {imm}"),
    MUL64_REG(0x2f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} *= {rs}"),
    MUL64_IMM(0x27, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} *= {imm}"),
    DIV64_REG(0x3f, Key.OFF, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} /= {rs}"),
    DIV64_IMM(0x37, Key.OFF, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} /= {imm}"),
    SDIV64_REG(0x3f, Key.OFF, 1, OperandShape.ALU_REG, CpuVersion.V4, "{rd} s/= {rs}"),
    SDIV64_IMM(0x37, Key.OFF, 1, OperandShape.ALU_IMM, CpuVersion.V4, "{rd} s/= {imm}"),
    OR64_REG(0x4f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} |= {rs}"),
    OR64_IMM(0x47, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} |= {imm}"),
    AND64_REG(0x5f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} &= {rs}"),
    AND64_IMM(0x57, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} &= {imm}"),
    LSH64_REG(0x6f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} <<= {rs}"),
    LSH64_IMM(0x67, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} <<= {imm}"),
    RSH64_REG(0x7f, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} >>= {rs}"),
    RSH64_IMM(0x77, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} >>= {imm}"),
    NEG64(0x87, Key.NONE, 0, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = -{rd}"),
    MOD64_REG(0x9f, Key.OFF, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} %= {rs}"),
    MOD64_IMM(0x97, Key.OFF, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} %= {imm}"),
    SMOD64_REG(0x9f, Key.OFF, 1, OperandShape.ALU_REG, CpuVersion.V4, "{rd} s%= {rs}"),
    SMOD64_IMM(0x97, Key.OFF, 1, OperandShape.ALU_IMM, CpuVersion.V4, "{rd} s%= {imm}"),
    XOR64_REG(0xaf, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} ^= {rs}"),
    XOR64_IMM(0xa7, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} ^= {imm}"),
    MOV64_REG(0xbf, Key.OFF, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} = {rs}"),
    MOV64_IMM(0xb7, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} = {imm}"),
    MOVSX64_8(0xbf, Key.OFF, 8, OperandShape.ALU_REG, CpuVersion.V4, "{rd} = (s8){rs}"),
    MOVSX64_16(0xbf, Key.OFF, 16, OperandShape.ALU_REG, CpuVersion.V4, "{rd} = (s16){rs}"),
    MOVSX64_32(0xbf, Key.OFF, 32, OperandShape.ALU_REG, CpuVersion.V4, "{rd} = (s32){rs}"),
    ADDR_SPACE_CAST(0xbf, Key.OFF, 1, OperandShape.ADDR_SPACE_CAST, CpuVersion.V1,
            "{rd} = addr_space_cast({rs}, {ash}, {asl})"),
    ARSH64_REG(0xcf, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V1, "{rd} s>>= {rs}"),
    ARSH64_IMM(0xc7, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V1, "{rd} s>>= {imm}"),
    BSWAP16(0xd7, Key.IMM, 16, OperandShape.ALU_UNARY, CpuVersion.V4, "{rd} = bswap16 {rd}"),
    BSWAP32(0xd7, Key.IMM, 32, OperandShape.ALU_UNARY, CpuVersion.V4, "{rd} = bswap32 {rd}"),
    BSWAP64(0xd7, Key.IMM, 64, OperandShape.ALU_UNARY, CpuVersion.V4, "{rd} = bswap64 {rd}"),

    // ---- ALU (32-bit, class 0x04): results are zero-extended into the 64-bit register -----------------------
    ADD32_REG(0x0c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} += {ws}"),
    ADD32_IMM(0x04, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} += {imm}"),
    SUB32_REG(0x1c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} -= {ws}"),
    SUB32_IMM(0x14, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} -= {imm}"),
    MUL32_REG(0x2c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} *= {ws}"),
    MUL32_IMM(0x24, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} *= {imm}"),
    DIV32_REG(0x3c, Key.OFF, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} /= {ws}"),
    DIV32_IMM(0x34, Key.OFF, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} /= {imm}"),
    SDIV32_REG(0x3c, Key.OFF, 1, OperandShape.ALU_REG, CpuVersion.V4, "{wd} s/= {ws}"),
    SDIV32_IMM(0x34, Key.OFF, 1, OperandShape.ALU_IMM, CpuVersion.V4, "{wd} s/= {imm}"),
    OR32_REG(0x4c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} |= {ws}"),
    OR32_IMM(0x44, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} |= {imm}"),
    AND32_REG(0x5c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} &= {ws}"),
    AND32_IMM(0x54, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} &= {imm}"),
    LSH32_REG(0x6c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} <<= {ws}"),
    LSH32_IMM(0x64, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} <<= {imm}"),
    RSH32_REG(0x7c, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} >>= {ws}"),
    RSH32_IMM(0x74, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} >>= {imm}"),
    NEG32(0x84, Key.NONE, 0, OperandShape.ALU_UNARY, CpuVersion.V3, "{wd} = -{wd}"),
    MOD32_REG(0x9c, Key.OFF, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} %= {ws}"),
    MOD32_IMM(0x94, Key.OFF, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} %= {imm}"),
    SMOD32_REG(0x9c, Key.OFF, 1, OperandShape.ALU_REG, CpuVersion.V4, "{wd} s%= {ws}"),
    SMOD32_IMM(0x94, Key.OFF, 1, OperandShape.ALU_IMM, CpuVersion.V4, "{wd} s%= {imm}"),
    XOR32_REG(0xac, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} ^= {ws}"),
    XOR32_IMM(0xa4, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} ^= {imm}"),
    MOV32_REG(0xbc, Key.OFF, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} = {ws}"),
    MOV32_IMM(0xb4, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} = {imm}"),
    MOVSX32_8(0xbc, Key.OFF, 8, OperandShape.ALU_REG, CpuVersion.V4, "{wd} = (s8){ws}"),
    MOVSX32_16(0xbc, Key.OFF, 16, OperandShape.ALU_REG, CpuVersion.V4, "{wd} = (s16){ws}"),
    ARSH32_REG(0xcc, Key.NONE, 0, OperandShape.ALU_REG, CpuVersion.V3, "{wd} s>>= {ws}"),
    ARSH32_IMM(0xc4, Key.NONE, 0, OperandShape.ALU_IMM, CpuVersion.V3, "{wd} s>>= {imm}"),
    LE16(0xd4, Key.IMM, 16, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = le16 {rd}"),
    LE32(0xd4, Key.IMM, 32, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = le32 {rd}"),
    LE64(0xd4, Key.IMM, 64, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = le64 {rd}"),
    BE16(0xdc, Key.IMM, 16, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = be16 {rd}"),
    BE32(0xdc, Key.IMM, 32, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = be32 {rd}"),
    BE64(0xdc, Key.IMM, 64, OperandShape.ALU_UNARY, CpuVersion.V1, "{rd} = be64 {rd}"),

    // ---- JMP (64-bit compares, class 0x05) ------------------------------------------------------------------
    JA(0x05, Key.NONE, 0, OperandShape.JA, CpuVersion.V1, "goto {off}"),
    JEQ_REG(0x1d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} == {rs} goto {off}"),
    JEQ_IMM(0x15, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} == {imm} goto {off}"),
    JGT_REG(0x2d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} > {rs} goto {off}"),
    JGT_IMM(0x25, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} > {imm} goto {off}"),
    JGE_REG(0x3d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} >= {rs} goto {off}"),
    JGE_IMM(0x35, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} >= {imm} goto {off}"),
    JSET_REG(0x4d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} & {rs} goto {off}"),
    JSET_IMM(0x45, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} & {imm} goto {off}"),
    JNE_REG(0x5d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} != {rs} goto {off}"),
    JNE_IMM(0x55, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} != {imm} goto {off}"),
    JSGT_REG(0x6d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} s> {rs} goto {off}"),
    JSGT_IMM(0x65, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} s> {imm} goto {off}"),
    JSGE_REG(0x7d, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V1, "if {rd} s>= {rs} goto {off}"),
    JSGE_IMM(0x75, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V1, "if {rd} s>= {imm} goto {off}"),
    CALL(0x85, Key.NONE, 0, OperandShape.CALL, CpuVersion.V1, "call {call}"),
    // A call through a register (JMP | CALL | X): clang-22 emits it at every -mcpu for a call through a function
    // pointer it could not resolve; the kernel refuses it, which is the verifier's verdict to give, not ours.
    CALLX(0x8d, Key.NONE, 0, OperandShape.CALL_REG, CpuVersion.V1, "callx {rd}"),
    EXIT(0x95, Key.NONE, 0, OperandShape.EXIT, CpuVersion.V1, "exit"),
    JLT_REG(0xad, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V2, "if {rd} < {rs} goto {off}"),
    JLT_IMM(0xa5, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V2, "if {rd} < {imm} goto {off}"),
    JLE_REG(0xbd, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V2, "if {rd} <= {rs} goto {off}"),
    JLE_IMM(0xb5, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V2, "if {rd} <= {imm} goto {off}"),
    JSLT_REG(0xcd, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V2, "if {rd} s< {rs} goto {off}"),
    JSLT_IMM(0xc5, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V2, "if {rd} s< {imm} goto {off}"),
    JSLE_REG(0xdd, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V2, "if {rd} s<= {rs} goto {off}"),
    JSLE_IMM(0xd5, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V2, "if {rd} s<= {imm} goto {off}"),
    MAY_GOTO(0xe5, Key.NONE, 0, OperandShape.MAY_GOTO, CpuVersion.V1, "may_goto {off}"),

    // ---- JMP32 (32-bit compares, class 0x06) ----------------------------------------------------------------
    GOTOL(0x06, Key.NONE, 0, OperandShape.JA_LONG, CpuVersion.V4, "gotol {jimm}"),
    JEQ32_REG(0x1e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} == {ws} goto {off}"),
    JEQ32_IMM(0x16, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} == {imm} goto {off}"),
    JGT32_REG(0x2e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} > {ws} goto {off}"),
    JGT32_IMM(0x26, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} > {imm} goto {off}"),
    JGE32_REG(0x3e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} >= {ws} goto {off}"),
    JGE32_IMM(0x36, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} >= {imm} goto {off}"),
    JSET32_REG(0x4e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} & {ws} goto {off}"),
    JSET32_IMM(0x46, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} & {imm} goto {off}"),
    JNE32_REG(0x5e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} != {ws} goto {off}"),
    JNE32_IMM(0x56, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} != {imm} goto {off}"),
    JSGT32_REG(0x6e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} s> {ws} goto {off}"),
    JSGT32_IMM(0x66, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} s> {imm} goto {off}"),
    JSGE32_REG(0x7e, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} s>= {ws} goto {off}"),
    JSGE32_IMM(0x76, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} s>= {imm} goto {off}"),
    JLT32_REG(0xae, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} < {ws} goto {off}"),
    JLT32_IMM(0xa6, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} < {imm} goto {off}"),
    JLE32_REG(0xbe, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} <= {ws} goto {off}"),
    JLE32_IMM(0xb6, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} <= {imm} goto {off}"),
    JSLT32_REG(0xce, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} s< {ws} goto {off}"),
    JSLT32_IMM(0xc6, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} s< {imm} goto {off}"),
    JSLE32_REG(0xde, Key.NONE, 0, OperandShape.JMP_REG, CpuVersion.V3, "if {wd} s<= {ws} goto {off}"),
    JSLE32_IMM(0xd6, Key.NONE, 0, OperandShape.JMP_IMM, CpuVersion.V3, "if {wd} s<= {imm} goto {off}"),

    // ---- LD (class 0x00): 64-bit immediate and the legacy packet loads --------------------------------------
    LD_IMM64(0x18, Key.NONE, 0, OperandShape.LD_IMM64, CpuVersion.V1, "{rd} = {imm64} ll"),
    LD_ABS_W(0x20, Key.NONE, 0, OperandShape.LD_ABS, CpuVersion.V1, "r0 = *(u32 *)skb[{imm}]"),
    LD_ABS_H(0x28, Key.NONE, 0, OperandShape.LD_ABS, CpuVersion.V1, "r0 = *(u16 *)skb[{imm}]"),
    LD_ABS_B(0x30, Key.NONE, 0, OperandShape.LD_ABS, CpuVersion.V1, "r0 = *(u8 *)skb[{imm}]"),
    LD_IND_W(0x40, Key.NONE, 0, OperandShape.LD_IND, CpuVersion.V1, "r0 = *(u32 *)skb[{rs}]"),
    LD_IND_H(0x48, Key.NONE, 0, OperandShape.LD_IND, CpuVersion.V1, "r0 = *(u16 *)skb[{rs}]"),
    LD_IND_B(0x50, Key.NONE, 0, OperandShape.LD_IND, CpuVersion.V1, "r0 = *(u8 *)skb[{rs}]"),

    // ---- LDX (class 0x01): loads; narrow loads zero-extend (MEM) or sign-extend (MEMSX) ---------------------
    LDX_W(0x61, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V1, "{wd} = *(u32 *)({rs}{moff})",
            "{rd} = *(u32 *)({rs}{moff})"),
    LDX_H(0x69, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V1, "{wd} = *(u16 *)({rs}{moff})",
            "{rd} = *(u16 *)({rs}{moff})"),
    LDX_B(0x71, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V1, "{wd} = *(u8 *)({rs}{moff})",
            "{rd} = *(u8 *)({rs}{moff})"),
    LDX_DW(0x79, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V1, "{rd} = *(u64 *)({rs}{moff})"),
    LDXSX_W(0x81, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V4, "{rd} = *(s32 *)({rs}{moff})"),
    LDXSX_H(0x89, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V4, "{rd} = *(s16 *)({rs}{moff})"),
    LDXSX_B(0x91, Key.NONE, 0, OperandShape.LOAD, CpuVersion.V4, "{rd} = *(s8 *)({rs}{moff})"),

    // ---- ST (class 0x02): store an immediate ----------------------------------------------------------------
    ST_W(0x62, Key.NONE, 0, OperandShape.STORE_IMM, CpuVersion.V4, "*(u32 *)({rd}{moff}) = {imm}"),
    ST_H(0x6a, Key.NONE, 0, OperandShape.STORE_IMM, CpuVersion.V4, "*(u16 *)({rd}{moff}) = {imm}"),
    ST_B(0x72, Key.NONE, 0, OperandShape.STORE_IMM, CpuVersion.V4, "*(u8 *)({rd}{moff}) = {imm}"),
    ST_DW(0x7a, Key.NONE, 0, OperandShape.STORE_IMM, CpuVersion.V4, "*(u64 *)({rd}{moff}) = {imm}"),

    // ---- STX (class 0x03): store a register ------------------------------------------------------------------
    STX_W(0x63, Key.NONE, 0, OperandShape.STORE_REG, CpuVersion.V1, "*(u32 *)({rd}{moff}) = {ws}",
            "*(u32 *)({rd}{moff}) = {rs}"),
    STX_H(0x6b, Key.NONE, 0, OperandShape.STORE_REG, CpuVersion.V1, "*(u16 *)({rd}{moff}) = {ws}",
            "*(u16 *)({rd}{moff}) = {rs}"),
    STX_B(0x73, Key.NONE, 0, OperandShape.STORE_REG, CpuVersion.V1, "*(u8 *)({rd}{moff}) = {ws}",
            "*(u8 *)({rd}{moff}) = {rs}"),
    STX_DW(0x7b, Key.NONE, 0, OperandShape.STORE_REG, CpuVersion.V1, "*(u64 *)({rd}{moff}) = {rs}"),

    // ---- STX | ATOMIC: the operation is the imm; bit 0x01 (FETCH) returns the old value in src --------------
    ATOMIC_ADD_W(0xc3, Key.IMM, 0x00, OperandShape.ATOMIC, CpuVersion.V1, "lock *(u32 *)({rd}{moff}) += {ws}"),
    ATOMIC_OR_W(0xc3, Key.IMM, 0x40, OperandShape.ATOMIC, CpuVersion.V3, "lock *(u32 *)({rd}{moff}) |= {ws}"),
    ATOMIC_AND_W(0xc3, Key.IMM, 0x50, OperandShape.ATOMIC, CpuVersion.V3, "lock *(u32 *)({rd}{moff}) &= {ws}"),
    ATOMIC_XOR_W(0xc3, Key.IMM, 0xa0, OperandShape.ATOMIC, CpuVersion.V3, "lock *(u32 *)({rd}{moff}) ^= {ws}"),
    ATOMIC_FETCH_ADD_W(0xc3, Key.IMM, 0x01, OperandShape.ATOMIC, CpuVersion.V3,
            "{ws} = atomic_fetch_add((u32 *)({rd}{moff}), {ws})"),
    ATOMIC_FETCH_OR_W(0xc3, Key.IMM, 0x41, OperandShape.ATOMIC, CpuVersion.V3,
            "{ws} = atomic_fetch_or((u32 *)({rd}{moff}), {ws})"),
    ATOMIC_FETCH_AND_W(0xc3, Key.IMM, 0x51, OperandShape.ATOMIC, CpuVersion.V3,
            "{ws} = atomic_fetch_and((u32 *)({rd}{moff}), {ws})"),
    ATOMIC_FETCH_XOR_W(0xc3, Key.IMM, 0xa1, OperandShape.ATOMIC, CpuVersion.V3,
            "{ws} = atomic_fetch_xor((u32 *)({rd}{moff}), {ws})"),
    ATOMIC_XCHG_W(0xc3, Key.IMM, 0xe1, OperandShape.ATOMIC, CpuVersion.V3, "{ws} = xchg32_32({rd}{moff}, {ws})"),
    ATOMIC_CMPXCHG_W(0xc3, Key.IMM, 0xf1, OperandShape.ATOMIC, CpuVersion.V3,
            "w0 = cmpxchg32_32({rd}{moff}, w0, {ws})"),
    ATOMIC_ADD_DW(0xdb, Key.IMM, 0x00, OperandShape.ATOMIC, CpuVersion.V1, "lock *(u64 *)({rd}{moff}) += {rs}"),
    ATOMIC_OR_DW(0xdb, Key.IMM, 0x40, OperandShape.ATOMIC, CpuVersion.V3, "lock *(u64 *)({rd}{moff}) |= {rs}"),
    ATOMIC_AND_DW(0xdb, Key.IMM, 0x50, OperandShape.ATOMIC, CpuVersion.V3, "lock *(u64 *)({rd}{moff}) &= {rs}"),
    ATOMIC_XOR_DW(0xdb, Key.IMM, 0xa0, OperandShape.ATOMIC, CpuVersion.V3, "lock *(u64 *)({rd}{moff}) ^= {rs}"),
    ATOMIC_FETCH_ADD_DW(0xdb, Key.IMM, 0x01, OperandShape.ATOMIC, CpuVersion.V3,
            "{rs} = atomic_fetch_add((u64 *)({rd}{moff}), {rs})"),
    ATOMIC_FETCH_OR_DW(0xdb, Key.IMM, 0x41, OperandShape.ATOMIC, CpuVersion.V3,
            "{rs} = atomic_fetch_or((u64 *)({rd}{moff}), {rs})"),
    ATOMIC_FETCH_AND_DW(0xdb, Key.IMM, 0x51, OperandShape.ATOMIC, CpuVersion.V3,
            "{rs} = atomic_fetch_and((u64 *)({rd}{moff}), {rs})"),
    ATOMIC_FETCH_XOR_DW(0xdb, Key.IMM, 0xa1, OperandShape.ATOMIC, CpuVersion.V3,
            "{rs} = atomic_fetch_xor((u64 *)({rd}{moff}), {rs})"),
    ATOMIC_XCHG_DW(0xdb, Key.IMM, 0xe1, OperandShape.ATOMIC, CpuVersion.V3, "{rs} = xchg_64({rd}{moff}, {rs})"),
    ATOMIC_CMPXCHG_DW(0xdb, Key.IMM, 0xf1, OperandShape.ATOMIC, CpuVersion.V3,
            "r0 = cmpxchg_64({rd}{moff}, r0, {rs})"),
    // load-acquire: dst is loaded from (src + off); store-release: (dst + off) receives src.
    LOAD_ACQ_B(0xd3, Key.IMM, 0x100, OperandShape.ATOMIC, CpuVersion.V4, "{wd} = load_acquire((u8 *)({rs}{moff}))"),
    LOAD_ACQ_H(0xcb, Key.IMM, 0x100, OperandShape.ATOMIC, CpuVersion.V4, "{wd} = load_acquire((u16 *)({rs}{moff}))"),
    LOAD_ACQ_W(0xc3, Key.IMM, 0x100, OperandShape.ATOMIC, CpuVersion.V4, "{wd} = load_acquire((u32 *)({rs}{moff}))"),
    LOAD_ACQ_DW(0xdb, Key.IMM, 0x100, OperandShape.ATOMIC, CpuVersion.V4, "{rd} = load_acquire((u64 *)({rs}{moff}))"),
    STORE_REL_B(0xd3, Key.IMM, 0x110, OperandShape.ATOMIC, CpuVersion.V4, "store_release((u8 *)({rd}{moff}), {ws})"),
    STORE_REL_H(0xcb, Key.IMM, 0x110, OperandShape.ATOMIC, CpuVersion.V4, "store_release((u16 *)({rd}{moff}), {ws})"),
    STORE_REL_W(0xc3, Key.IMM, 0x110, OperandShape.ATOMIC, CpuVersion.V4, "store_release((u32 *)({rd}{moff}), {ws})"),
    STORE_REL_DW(0xdb, Key.IMM, 0x110, OperandShape.ATOMIC, CpuVersion.V4, "store_release((u64 *)({rd}{moff}), {rs})");

    /** Which field, beside the opcode byte, tells this form apart from others with the same opcode byte. */
    public enum Key { NONE, OFF, IMM }

    public final int opcode;
    public final Key key;
    public final int keyValue;
    public final OperandShape shape;
    public final CpuVersion minCpu;
    /** Spelling with 32-bit subregisters where the instruction has a 32-bit view (objdump's default, -mcpu>=v3). */
    public final String syntax;
    /** Spelling without subregisters (objdump --mcpu=v1, clang -S below v3). */
    public final String syntax64;

    BpfOp(int opcode, Key key, int keyValue, OperandShape shape, CpuVersion minCpu, String syntax) {
        this(opcode, key, keyValue, shape, minCpu, syntax, syntax);
    }

    BpfOp(int opcode, Key key, int keyValue, OperandShape shape, CpuVersion minCpu, String syntax, String syntax64) {
        this.opcode = opcode;
        this.key = key;
        this.keyValue = keyValue;
        this.shape = shape;
        this.minCpu = minCpu;
        this.syntax = syntax;
        this.syntax64 = syntax64;
    }

    /** The instruction class: the low three bits of the opcode. */
    public int insnClass() { return opcode & 0x07; }

    /** Number of 8-byte slots: 2 for ld_imm64, 1 for everything else. */
    public int slots() { return this == LD_IMM64 ? 2 : 1; }

    public boolean isConditionalJump() {
        return shape == OperandShape.JMP_REG || shape == OperandShape.JMP_IMM;
    }

    /** True for instructions whose {@code off} is a pc-relative jump distance. */
    public boolean hasJumpOffset() {
        return isConditionalJump() || shape == OperandShape.JA || shape == OperandShape.MAY_GOTO;
    }

    private static final Map<Integer, List<BpfOp>> BY_OPCODE = new HashMap<>();

    static {
        for (BpfOp op : values()) BY_OPCODE.computeIfAbsent(op.opcode, k -> new ArrayList<>()).add(op);
    }

    /** The form an encoded slot belongs to, or null when no row matches (an unknown opcode or key). */
    public static BpfOp decode(int opcode, int off, int imm) {
        List<BpfOp> candidates = BY_OPCODE.get(opcode & 0xff);
        if (candidates == null) return null;
        for (BpfOp op : candidates) {
            switch (op.key) {
                case NONE: return op;
                case OFF: if ((short) off == op.keyValue) return op; break;
                case IMM: if (imm == op.keyValue) return op; break;
                default: break;
            }
        }
        return null;
    }
}
