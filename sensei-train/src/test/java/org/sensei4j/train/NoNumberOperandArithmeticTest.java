package org.sensei4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.sensei4j.model.layer.Scalars;
import org.sensei4j.model.sensei.SenseiEncoder;
import org.sensei4j.train.segmentation.SegmentationTrainer;

/**
 * The training-path arithmetic rule, checked on the compiled classes of sensei-model and sensei-train: no call to
 * DJL's number-operand arithmetic (it frees the operand that autograd keeps for backward; see {@link Scalars}).
 * Every call site is listed with its class and method, so a violation names the line to change.
 */
class NoNumberOperandArithmeticTest {

    /** NDArray methods whose number operand DJL turns into a temporary array over a Java buffer. */
    static final Set<String> ARITHMETIC = Set.of(
            "add", "sub", "mul", "div", "mod", "pow", "maximum", "minimum", "addi", "subi", "muli", "divi", "modi",
            "powi", "rsub", "rdiv", "rmod", "rpow", "rsubi", "rdivi", "rmodi", "rpowi");

    /** A call the rule forbids, or null. */
    static String forbidden(String owner, String name, String descriptor) {
        if (!owner.startsWith("ai/djl/")) {
            return null;
        }
        boolean numberOperand = descriptor.contains("Ljava/lang/Number;");
        if ((owner.endsWith("/NDArray") || owner.endsWith("NDArrays") || owner.endsWith("PtNDArray"))
                && numberOperand
                && ARITHMETIC.contains(name)) {
            return owner.substring(owner.lastIndexOf('/') + 1) + "." + name + "(Number)";
        }
        if (owner.equals("ai/djl/nn/Activation") && name.startsWith("relu6")) {
            return "Activation." + name;
        }
        return null;
    }

    /** "Class.method: call" for each forbidden call in the classes under {@code root} (a folder or a jar). */
    static List<String> violations(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        if (Files.isDirectory(root)) {
            try (Stream<Path> files = Files.walk(root)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    try (InputStream in = Files.newInputStream(f)) {
                        scan(in, out);
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(root.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    JarEntry entry = e.nextElement();
                    if (entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            scan(in, out);
                        }
                    }
                }
            }
        }
        return out;
    }

    private static void scan(InputStream in, List<String> out) throws IOException {
        ClassReader reader = new ClassReader(in);
        String cls = reader.getClassName().replace('/', '.');
        reader.accept(
                new ClassVisitor(Opcodes.ASM9) {
                    @Override
                    public MethodVisitor visitMethod(int access, String method, String desc, String sig, String[] ex) {
                        return new MethodVisitor(Opcodes.ASM9) {
                            @Override
                            public void visitMethodInsn(int op, String owner, String name, String d, boolean itf) {
                                String f = forbidden(owner, name, d);
                                if (f != null) {
                                    out.add(cls + "." + method + ": " + f);
                                }
                            }
                        };
                    }
                },
                ClassReader.SKIP_DEBUG | ClassReader.SKIP_FRAMES);
    }

    private static Path codeSource(Class<?> c) throws URISyntaxException {
        return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    @Test
    void modelAndTrainingCodeUseEngineAllocatedConstants() throws Exception {
        List<String> found = new ArrayList<>();
        found.addAll(violations(codeSource(SenseiEncoder.class)));
        found.addAll(violations(codeSource(SegmentationTrainer.class)));
        assertThat(found)
                .as("number-operand arithmetic in sensei-model/sensei-train: use org.sensei4j.model.layer"
                        + ".Scalars (engine-allocated constants) instead")
                .isEmpty();
    }

    @Test
    void theRuleRecognisesEachForbiddenForm() {
        assertThat(forbidden("ai/djl/ndarray/NDArray", "mul", "(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;"))
                .isEqualTo("NDArray.mul(Number)");
        assertThat(forbidden("ai/djl/ndarray/NDArray", "maximum", "(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;"))
                .isNotNull();
        assertThat(forbidden("ai/djl/ndarray/NDArray", "rsubi", "(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;"))
                .isNotNull();
        assertThat(forbidden(
                        "ai/djl/ndarray/NDArrays",
                        "div",
                        "(Ljava/lang/Number;Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;"))
                .isNotNull();
        assertThat(forbidden("ai/djl/nn/Activation", "relu6", "(Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;"))
                .isEqualTo("Activation.relu6");
        // array operands, comparisons and clip are fine
        assertThat(forbidden("ai/djl/ndarray/NDArray", "mul", "(Lai/djl/ndarray/NDArray;)Lai/djl/ndarray/NDArray;"))
                .isNull();
        assertThat(forbidden("ai/djl/ndarray/NDArray", "gt", "(Ljava/lang/Number;)Lai/djl/ndarray/NDArray;"))
                .isNull();
        assertThat(forbidden(
                        "ai/djl/ndarray/NDArray",
                        "clip",
                        "(Ljava/lang/Number;Ljava/lang/Number;)Lai/djl/ndarray/NDArray;"))
                .isNull();
    }

    @Test
    void theScanFindsACallInCompiledCode() throws Exception {
        // this test class's own bytecode holds one forbidden call (below): the scan must see it
        Path self = codeSource(NoNumberOperandArithmeticTest.class);
        assertThat(violations(self))
                .contains(NoNumberOperandArithmeticTest.class.getName() + ".forbiddenOnPurpose: NDArray.mul(Number)");
    }

    @SuppressWarnings("unused")
    private static NDArray forbiddenOnPurpose(NDArray x) {
        return x.mul(2f);
    }
}
