// __atomic_load_n/__atomic_store_n at -mcpu=v4, 8 to 64 bit: acquire and consume loads are load_acquire, release
// stores store_release, relaxed ones plain ldx/stx, as clang-22 emits them (AtomicsVsClangTest).
long ld64(long *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
int ld32(int *p) { return __atomic_load_n(p, __ATOMIC_CONSUME); }
unsigned short ld16(unsigned short *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
unsigned char ld8(unsigned char *p) { return __atomic_load_n(p, __ATOMIC_ACQUIRE); }
void st64(long *p, long v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
void st32(int *p, int v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
void st16(unsigned short *p, unsigned short v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
void st8(unsigned char *p, unsigned char v) { __atomic_store_n(p, v, __ATOMIC_RELEASE); }
long rl(long *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
