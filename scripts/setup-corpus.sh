#!/usr/bin/env bash
# Lays out the conformance corpus and the headers it needs, once per machine:
#   $JBPFC_CORPUS (default ~/.cache/jbpfc/linux-6.12)/
#     src/                       tools/, scripts/, include/, Documentation/bpf, kernel/bpf from linux-source-6.12
#     include/bpf/*.h            libbpf's headers (as installed <bpf/...>) plus the generated bpf_helper_defs.h
#     include/vmlinux.h          from this machine's kernel BTF
#     progs -> src/tools/testing/selftests/bpf/progs
# Prints the corpus directory. Needs: linux-source-6.12, bpftool, python3.
set -euo pipefail
corpus=${JBPFC_CORPUS:-$HOME/.cache/jbpfc/linux-6.12}
tarball=/usr/src/linux-source-6.12.tar.xz
stamp=$corpus/.ready
if [ -f "$stamp" ]; then echo "$corpus"; exit 0; fi
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
echo "$corpus"
