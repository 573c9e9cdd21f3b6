#!/usr/bin/env bash
# Lays out the conformance corpus and the headers it needs, once per machine:
#   $JBPFC_CORPUS (default ~/.cache/jbpfc/linux-6.12)/
#     src/                       tools/, scripts/, include/, Documentation/bpf, kernel/bpf from linux-source-6.12
#     include/bpf/*.h            libbpf's headers (as installed <bpf/...>) plus the generated bpf_helper_defs.h
#     include/vmlinux.h          from this machine's kernel BTF
#     progs -> src/tools/testing/selftests/bpf/progs
# and the second corpus (the BPF programs outside the selftests, testsuite's conformance.SecondCorpus), added to
# an existing corpus directory once (stamp .ready-corpus2):
#     src/samples/bpf, src/samples/hid, src/drivers/hid/bpf, src/arch/x86/include
#     generated/                 what a configured kernel tree would have generated and samples/bpf's *_kern.c
#                                include: linux/version.h, an empty autoconf.h, asm-generic wrappers for x86
# Prints the corpus directory. Needs: linux-source-6.12, bpftool, python3.
set -euo pipefail
corpus=${JBPFC_CORPUS:-$HOME/.cache/jbpfc/linux-6.12}
tarball=/usr/src/linux-source-6.12.tar.xz
stamp=$corpus/.ready
second_corpus() {
  [ -f "$corpus/.ready-corpus2" ] && return 0
  # Test JVMs may run this at the same time: one lays the corpus out, the others wait for it.
  exec 9>"$corpus/.corpus2.lock"
  flock 9
  if [ -f "$corpus/.ready-corpus2" ]; then flock -u 9; return 0; fi
  local t
  t=$(mktemp -d "$corpus/tmp2.XXXXXX")
  tar -xJf "$tarball" -C "$t" --strip-components=1 linux-source-6.12/samples/bpf linux-source-6.12/samples/hid \
    linux-source-6.12/drivers/hid/bpf linux-source-6.12/arch/x86/include linux-source-6.12/Makefile
  local g=$t/generated
  mkdir -p "$g/include/generated/uapi/linux" "$g/arch/x86/include/generated/asm" "$g/arch/x86/include/generated/uapi/asm"
  local v p s
  v=$(sed -n 's/^VERSION = //p' "$t/Makefile"); p=$(sed -n 's/^PATCHLEVEL = //p' "$t/Makefile")
  s=$(sed -n 's/^SUBLEVEL = //p' "$t/Makefile")
  { echo "#define LINUX_VERSION_CODE $(( (v << 16) + (p << 8) + (s > 255 ? 255 : s) ))"
    echo "#define KERNEL_VERSION(a,b,c) (((a) << 16) + ((b) << 8) + ((c) > 255 ? 255 : (c)))"; } \
    > "$g/include/generated/uapi/linux/version.h"
  : > "$g/include/generated/autoconf.h"
  # Kbuild's wrappers: an asm header x86 does not have itself is asm-generic's.
  local h
  for h in $(sed -n 's/^\(mandatory\|generic\)-y += \([a-z0-9_-]*\.h\).*/\2/p' "$corpus/src/include/asm-generic/Kbuild" \
      "$t/arch/x86/include/asm/Kbuild"); do
    [ -f "$t/arch/x86/include/asm/$h" ] || echo "#include <asm-generic/$h>" > "$g/arch/x86/include/generated/asm/$h"
  done
  for h in $(sed -n 's/^\(mandatory\|generic\)-y += \([a-z0-9_-]*\.h\).*/\2/p' "$corpus/src/include/uapi/asm-generic/Kbuild" \
      "$t/arch/x86/include/uapi/asm/Kbuild" 2>/dev/null); do
    [ -f "$t/arch/x86/include/uapi/asm/$h" ] || echo "#include <asm-generic/$h>" > "$g/arch/x86/include/generated/uapi/asm/$h"
  done
  mkdir -p "$corpus/src/samples" "$corpus/src/drivers/hid" "$corpus/src/arch/x86"
  rm -rf "$corpus/src/samples/bpf" "$corpus/src/samples/hid" "$corpus/src/drivers/hid/bpf" "$corpus/src/arch/x86/include" \
    "$corpus/generated"
  mv "$t/samples/bpf" "$t/samples/hid" "$corpus/src/samples/"
  mv "$t/drivers/hid/bpf" "$corpus/src/drivers/hid/"
  mv "$t/arch/x86/include" "$corpus/src/arch/x86/"
  mv "$g" "$corpus/generated"
  rm -rf "$t"
  touch "$corpus/.ready-corpus2"
  flock -u 9
}
# samples/bpf's Makefile generates syscall_nrs.h (SYS__NR_* for tracex5) from syscall_nrs.c with the host compiler.
syscall_nrs() {
  local h=$corpus/src/samples/bpf/syscall_nrs.h
  [ -f "$h" ] && return 0
  { echo "#ifndef __SYSCALL_NRS_H__"; echo "#define __SYSCALL_NRS_H__"
    printf '#include <asm/unistd.h>\nSYS__NR_write __NR_write\nSYS__NR_read __NR_read\nSYS__NR_mmap __NR_mmap\n' \
      | gcc -E -P -x c - | grep '^SYS__NR' | sed 's/^/#define /'
    echo "#endif"; } > "$h.tmp" && mv "$h.tmp" "$h"
}
if [ -f "$stamp" ]; then second_corpus; syscall_nrs; echo "$corpus"; exit 0; fi
[ -f "$tarball" ] || { echo "setup-corpus: $tarball is missing (apt-get install linux-source-6.12)" >&2; exit 1; }
command -v bpftool >/dev/null || { echo "setup-corpus: bpftool is missing (apt-get install bpftool)" >&2; exit 1; }
tmp=$(mktemp -d "${corpus%/*}.tmp.XXXXXX" 2>/dev/null || { mkdir -p "${corpus%/*}"; mktemp -d "${corpus%/*}/tmp.XXXXXX"; })
mkdir -p "$tmp/src"
tar -xJf "$tarball" -C "$tmp/src" --strip-components=1 \
  linux-source-6.12/tools linux-source-6.12/scripts linux-source-6.12/include \
  linux-source-6.12/Documentation/bpf linux-source-6.12/kernel/bpf
mkdir -p "$tmp/include/bpf"
cp "$tmp"/src/tools/lib/bpf/*.h "$tmp/include/bpf/"
python3 "$tmp/src/scripts/bpf_doc.py" --header --file "$tmp/src/include/uapi/linux/bpf.h" > "$tmp/include/bpf/bpf_helper_defs.h"
bpftool btf dump file /sys/kernel/btf/vmlinux format c > "$tmp/include/vmlinux.h"
ln -s src/tools/testing/selftests/bpf/progs "$tmp/progs"
rm -rf "$corpus"
mv "$tmp" "$corpus"
touch "$stamp"
second_corpus
syscall_nrs
echo "$corpus"
