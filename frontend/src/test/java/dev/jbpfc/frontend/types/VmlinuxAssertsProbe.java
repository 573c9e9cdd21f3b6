package dev.jbpfc.frontend.types;

import java.nio.file.Path;

/** Manual entry point: prints where the vmlinux layout asserts are (generating them). */
final class VmlinuxAssertsProbe {
    public static void main(String[] args) throws Exception {
        System.out.println(VmlinuxLayoutAsserts.generate(Path.of(args[0])));
    }
}
