package dev.jbpfc.maven;

import dev.jbpfc.api.BpfCompiler;
import dev.jbpfc.api.CompileOptions;
import dev.jbpfc.api.CompileResult;
import dev.jbpfc.api.CompilerSession;
import dev.jbpfc.api.Dependency;
import dev.jbpfc.api.Diagnostic;
import dev.jbpfc.api.ObjectMetadata;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

import java.io.File;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * {@code jbpfc:compile}: compiles every {@code src/main/bpf/**}{@code /*.bpf.c} to
 * {@code target/classes/bpf/<same relative path>.bpf.o} with jbpfc, in the build's JVM (no clang, no process).
 * Incremental: an object whose source, headers (every file the compiler read) and options are unchanged since it
 * was built is not compiled again ({@link BuildStamp}). Diagnostics go to the build log as errors and warnings with
 * file, line and column; any error fails the build after every source has been tried. With {@code metadata} a
 * {@code <name>.bpf.json} beside each object lists its programs (with their sections) and maps.
 */
@Mojo(name = "compile", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class CompileMojo extends AbstractMojo {
    /** Where the BPF sources are. */
    @Parameter(defaultValue = "${project.basedir}/src/main/bpf", property = "jbpfc.sourceDirectory")
    private File sourceDirectory;

    /** Which files of {@link #sourceDirectory} to compile, as glob patterns of their relative paths. */
    @Parameter
    private List<String> includes = List.of("**/*.bpf.c", "*.bpf.c");

    /** Where the objects go, each at its source's relative path with {@code .o} for {@code .c}. */
    @Parameter(defaultValue = "${project.build.outputDirectory}/bpf", property = "jbpfc.outputDirectory")
    private File outputDirectory;

    /** Where the build stamps go (what each object was built from). */
    @Parameter(defaultValue = "${project.build.directory}/jbpfc", readonly = true)
    private File stampDirectory;

    /** {@code -O}: 0, 1, 2, s. */
    @Parameter(defaultValue = "2", property = "jbpfc.optLevel")
    private String optLevel;

    /** {@code -mcpu}: v1, v2, v3, v4, generic, probe. */
    @Parameter(defaultValue = "v3", property = "jbpfc.cpu")
    private String cpu;

    /** {@code -g}: .BTF and .BTF.ext (libbpf needs them for maps defined in .maps and for CO-RE). */
    @Parameter(defaultValue = "true", property = "jbpfc.debugInfo")
    private boolean debugInfo;

    /** {@code -D}: {@code NAME} or {@code NAME=VALUE}. */
    @Parameter
    private List<String> defines = new ArrayList<>();

    /** {@code -I} directories. */
    @Parameter
    private List<File> includeDirectories = new ArrayList<>();

    /**
     * {@code -idirafter} directories: searched last, as system directories ({@code /usr/include/x86_64-linux-gnu}
     * for the kernel's {@code <asm/types.h>} on Debian and Ubuntu).
     */
    @Parameter
    private List<File> afterIncludeDirectories = new ArrayList<>();

    /** {@code -Werror}. */
    @Parameter(defaultValue = "false", property = "jbpfc.warningsAsErrors")
    private boolean warningsAsErrors;

    /** Also write {@code <name>.bpf.json}: the object's programs (name, section) and maps. */
    @Parameter(defaultValue = "false", property = "jbpfc.metadata")
    private boolean metadata;

    @Parameter(defaultValue = "false", property = "jbpfc.skip")
    private boolean skip;

    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skip) {
            getLog().info("jbpfc: skipped");
            return;
        }
        Path sources = sourceDirectory.toPath().toAbsolutePath().normalize();
        if (!Files.isDirectory(sources)) {
            getLog().debug("jbpfc: no " + sources + ", nothing to compile");
            return;
        }
        CompileOptions options = options();
        String optionsKey = optionsKey();
        List<Path> inputs = inputs(sources);
        BpfCompiler compiler = new BpfCompiler();
        CompilerSession session = compiler.newSession();
        int compiled = 0, current = 0, failed = 0;
        for (Path source : inputs) {
            Path relative = sources.relativize(source);
            String objectName = relative.toString().replaceFirst("\\.c$", "") + ".o";
            Path object = outputDirectory.toPath().resolve(objectName);
            Path stampFile = stampDirectory.toPath().resolve(objectName + ".stamp");
            Path json = outputDirectory.toPath().resolve(objectName.replaceFirst("\\.o$", "") + ".json");
            BuildStamp stamp = BuildStamp.read(stampFile);
            if (stamp != null && Files.isRegularFile(object) && (!metadata || Files.isRegularFile(json))
                    && stamp.current(optionsKey)) {
                current++;
                continue;
            }
            CompileResult r = session.compile(options, source);
            report(r);
            if (!r.success()) {
                failed++;
                continue;
            }
            try {
                Files.createDirectories(object.getParent());
                Files.write(object, r.object());
                if (metadata) Files.writeString(json, ObjectMetadata.of(object.getFileName().toString(), r.object()).toJson() + "\n");
                List<String> read = new ArrayList<>();
                for (Dependency d : r.dependencies()) read.add(d.path());
                BuildStamp.of(optionsKey, read).write(stampFile);
            } catch (IOException e) {
                throw new MojoExecutionException("jbpfc: cannot write " + object + ": " + e.getMessage(), e);
            }
            compiled++;
        }
        getLog().info("jbpfc: " + compiled + " compiled, " + current + " up to date" + (failed > 0 ? ", " + failed + " failed" : "")
                + " (" + outputDirectory + ")");
        if (failed > 0) {
            throw new MojoFailureException("jbpfc: " + failed + " of " + inputs.size() + " BPF sources did not compile (see the errors above)");
        }
    }

    /** The sources to compile, in a stable order. */
    private List<Path> inputs(Path sources) throws MojoExecutionException {
        List<PathMatcher> matchers = new ArrayList<>();
        for (String glob : includes) matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + glob));
        try (Stream<Path> s = Files.walk(sources)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> matchers.stream().anyMatch(m -> m.matches(sources.relativize(p))))
                    .sorted().toList();
        } catch (IOException e) {
            throw new MojoExecutionException("jbpfc: cannot list " + sources + ": " + e.getMessage(), e);
        }
    }

    private CompileOptions options() throws MojoExecutionException {
        try {
            CompileOptions.Builder b = CompileOptions.builder().optLevel(optLevel).cpu(cpu).debugInfo(debugInfo)
                    .warningsAsErrors(warningsAsErrors);
            for (String d : defines) b.define(d);
            for (File d : includeDirectories) b.includeDir(d.toPath().toAbsolutePath());
            for (File d : afterIncludeDirectories) b.afterDir(d.toPath());
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new MojoExecutionException("jbpfc: " + e.getMessage(), e);
        }
    }

    /** Everything in the configuration that changes an object; a change rebuilds every object. */
    private String optionsKey() {
        List<String> dirs = new ArrayList<>();
        for (File d : includeDirectories) dirs.add("-I" + d.toPath().toAbsolutePath());
        for (File d : afterIncludeDirectories) dirs.add("-idirafter" + d);
        return "-O" + optLevel + " -mcpu=" + cpu + (debugInfo ? " -g" : "") + (warningsAsErrors ? " -Werror" : "")
                + " -D" + String.join(" -D", defines) + " " + String.join(" ", dirs) + (metadata ? " +metadata" : "");
    }

    /** Each diagnostic on the build log at its level, as {@code file:line:col: message} with clang's source lines. */
    private void report(CompileResult r) {
        for (Diagnostic d : r.diagnostics()) {
            String text = d.rendered().stripTrailing();
            switch (d.severity()) {
                case ERROR, FATAL -> getLog().error(text);
                case WARNING -> getLog().warn(text);
                default -> getLog().info(text);
            }
        }
    }
}
