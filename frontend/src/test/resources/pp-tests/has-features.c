// The __has_* checks answer as clang-22 does for the BPF target.
__has_builtin(__builtin_preserve_type_info) __has_builtin(__builtin_preserve_enum_value)
__has_builtin(__builtin_btf_type_id) __has_builtin(__builtin_isdigit) __has_builtin(nonsense)
// EXPECT: 1 1 1 0 0
__has_attribute(btf_type_tag) __has_attribute(__btf_decl_tag__) __has_attribute(preserve_static_offset)
__has_attribute(designated_init) __has_attribute(__fallthrough__)
// EXPECT: 1 1 1 0 1
__has_c_attribute(nodiscard) __has_c_attribute(gnu::packed) __has_c_attribute(clang::always_inline)
// EXPECT: 202003L 1 1
__has_feature(c_atomic) __has_feature(address_sanitizer) __has_extension(gnu_asm) __has_feature(gnu_asm)
// EXPECT: 1 0 1 0
__has_declspec_attribute(dllexport) __is_identifier(foo) __is_identifier(int)
// EXPECT: 0 1 0
#define ATTR btf_type_tag
__has_attribute(ATTR)
// EXPECT: 1
#if defined(__has_builtin) && __has_include(<stddef.h>) && !__has_include("no-such-file.h") && defined __FILE__
ok
#endif
// EXPECT: ok
