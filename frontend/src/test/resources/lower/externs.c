// __kconfig and __ksym variables are extern globals resolved by libbpf, declared when used, with VARs in
// DATASEC .kconfig / .ksyms; an extern without a section is the static linker's to resolve (section "": its VAR is
// in no DATASEC, as clang-22 emits it).
#define __kconfig __attribute__((section(".kconfig")))
#define __ksym __attribute__((section(".ksyms")))
extern unsigned int LINUX_KERNEL_VERSION __kconfig;
extern int CONFIG_MISSING __kconfig __attribute__((weak));
extern const int bpf_prog_active __ksym;
extern int unused_ext __kconfig;
extern int linked_var;
int ver(void) { return LINUX_KERNEL_VERSION + CONFIG_MISSING + (int)(long)&bpf_prog_active + linked_var; }
// CHECK: global extern @LINUX_KERNEL_VERSION size 4 align 4 section ".kconfig" btf
// CHECK: global extern_weak @CONFIG_MISSING size 4 align 4 section ".kconfig" btf
// CHECK: global extern @bpf_prog_active size 4 align 4 section ".ksyms" btf
// CHECK: global extern @linked_var size 4 align 4 section "" btf
// CHECK-NOT: unused_ext
// CHECK: addr @LINUX_KERNEL_VERSION
