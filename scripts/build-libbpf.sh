#!/usr/bin/env bash
# Builds the libbpf that the kernel oracle (testsuite's bpfrun tool) links against, once per machine, and prints
# the directory to use:
#   $JBPFC_CORPUS/libbpf/          libbpf.a (1.5, from the 6.12 tarball's tools/lib/bpf) and include/bpf/*.h
# Why not Debian's libbpf-dev (1.1)? The 6.12 selftests use section names, kfunc and map features that 1.1 does
# not know, so with it fewer of clang's programs load and the conformance set shrinks (~1588 vs ~1670 programs).
# If the build fails, this prints "/usr" (libbpf-dev: /usr/include/bpf, -lbpf) and says so on stderr; callers
# tell the two apart by whether "$dir/libbpf.a" exists.
# Needs: scripts/setup-corpus.sh run first (it extracts src/tools), make, gcc, libelf-dev, zlib1g-dev.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
corpus=$("$here/setup-corpus.sh") || { echo "build-libbpf: setup-corpus.sh failed" >&2; exit 1; }
out=$corpus/libbpf
stamp=$out/.ready
if [ -f "$stamp" ]; then echo "$out"; exit 0; fi
# Test JVMs of several modules may get here at once: one builds, the others wait and reuse its result.
if command -v flock >/dev/null; then
  exec 9>"$corpus/.libbpf.lock"
  flock 9
  if [ -f "$stamp" ]; then echo "$out"; exit 0; fi
fi

fallback() {
  echo "build-libbpf: $1; falling back to Debian's libbpf-dev (libbpf 1.1): fewer corpus programs will load" >&2
  if [ -f /usr/include/bpf/libbpf.h ]; then echo /usr; exit 0; fi
  echo "build-libbpf: libbpf-dev is not installed either (apt-get install libbpf-dev)" >&2
  exit 1
}

src=$corpus/src/tools/lib/bpf
[ -f "$src/Makefile" ] || fallback "$src/Makefile is missing"
# Build into a scratch dir and move it into place at the end, so a half-built library is never used.
tmp=$(mktemp -d "$corpus/libbpf.tmp.XXXXXX") || fallback "cannot create a build directory under $corpus"
log=$tmp/build.log
if ! make -s -C "$src" BUILD_STATIC_ONLY=1 OUTPUT="$tmp/" -j"$(nproc)" >"$log" 2>&1 \
   || ! make -s -C "$src" BUILD_STATIC_ONLY=1 OUTPUT="$tmp/" DESTDIR="$tmp/install" prefix=/ \
        install_headers >>"$log" 2>&1; then
  tail -n 20 "$log" >&2
  rm -rf "$tmp"
  fallback "building libbpf from $src failed"
fi
[ -f "$tmp/libbpf.a" ] || { rm -rf "$tmp"; fallback "the build produced no libbpf.a"; }
mkdir -p "$tmp/include"
mv "$tmp/install/include/bpf" "$tmp/include/bpf"
# Keep only the static library: a libbpf.so next to it would win over libbpf.a in a -L/-lbpf link.
rm -rf "$tmp/install" "$tmp/staticobjs" "$tmp/sharedobjs" "$tmp"/libbpf.so*
rm -rf "$out"
mv "$tmp" "$out"
touch "$stamp"
echo "$out"
