package org.sensei4j.io.npy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files written by NumPy itself, and ours read back by NumPy; skipped when python3 with numpy is absent. */
class NumpyCrossCheckTest {

    @TempDir
    Path dir;

    private static String python(String script) {
        try {
            Process p = new ProcessBuilder("python3", "-c", script)
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static void assumeNumpy() {
        Assumptions.assumeTrue(python("import numpy") != null, "python3 with numpy not found: skipping cross-check");
    }

    /** Expected value i of the arrays the script writes: (7 i mod 251), as the dtype stores it. */
    private static double expected(String dtype, int i) {
        int v = (7 * i) % 251;
        return switch (dtype) {
            case "bool" -> v % 3 == 0 ? 1 : 0;
            case "int8" -> (byte) v;
            case "float32", "float64" -> v / 4.0;
            default -> v;
        };
    }

    @Test
    void readsWhatNumpyWrites() {
        assumeNumpy();
        String[] dtypes = {"float32", "float64", "uint8", "int8", "uint16", "int16", "int32", "uint32", "int64", "bool"
        };
        String script = """
                import numpy as np
                d = r'%s'
                def arr(dt, shape, order='C'):
                    v = (np.arange(int(np.prod(shape))) * 7 %% 251)
                    if dt == 'bool': a = (v %% 3 == 0)
                    elif dt.startswith('float'): a = (v / 4.0).astype(dt)
                    else: a = v.astype(dt)
                    a = a.reshape(shape)
                    return np.asfortranarray(a) if order == 'F' else a
                for dt in %s:
                    np.save(d + '/c_' + dt + '.npy', arr(dt, (3, 4, 5)))
                    np.save(d + '/f_' + dt + '.npy', arr(dt, (3, 4, 5), 'F'))
                    np.save(d + '/b_' + dt + '.npy', arr(dt, (3, 4, 5)).astype(np.dtype(dt).newbyteorder('>')))
                for v in [(2, 0), (3, 0)]:
                    with open(d + '/v%%d.npy' %% v[0], 'wb') as f:
                        np.lib.format.write_array(f, arr('int16', (3, 4, 5)), version=v)
                np.savez_compressed(d + '/z.npz', img=arr('float32', (3, 4, 5)), msk=arr('uint8', (3, 4, 5), 'F'))
                np.savez(d + '/s.npz', a=arr('int32', (3, 4, 5)))
                print('ok')
                """.formatted(dir, "['" + String.join("', '", dtypes) + "']");
        assertThat(python(script)).isEqualTo("ok\n");
        for (String dt : dtypes) {
            for (String prefix : new String[] {"c_", "f_", "b_"}) {
                NpyArray a = NpyFile.read(dir.resolve(prefix + dt + ".npy"));
                assertThat(a.shape()).as(prefix + dt).containsExactly(3, 4, 5);
                double[] v = a.toDoubles();
                for (int i = 0; i < v.length; i++) {
                    assertThat(v[i]).as("%s%s element %d", prefix, dt, i).isEqualTo(expected(dt, i));
                }
            }
        }
        for (String v : new String[] {"v2", "v3"}) {
            double[] x = NpyFile.read(dir.resolve(v + ".npy")).toDoubles();
            assertThat(x[59]).isEqualTo(expected("int16", 59));
        }
        Map<String, NpyArray> z = NpzFile.read(dir.resolve("z.npz"));
        assertThat(z.get("img").getDouble(2L, 3L, 4L)).isEqualTo(expected("float32", 59));
        assertThat(z.get("msk").getDouble(2L, 3L, 4L)).isEqualTo(expected("uint8", 59));
        assertThat(NpzFile.read(dir.resolve("s.npz"), "a").getDouble(1L, 2L, 3L))
                .isEqualTo(expected("int32", 33));
    }

    @Test
    void numpyReadsWhatWeWrite() {
        assumeNumpy();
        float[] v = new float[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) {
            v[i] = i * 0.25f - 3;
        }
        Path p = dir.resolve("ours.npy");
        NpyFile.writeFloat32(p, new long[] {2, 3, 4}, v);
        String out = python("""
                import numpy as np
                a = np.load(r'%s')
                print(a.dtype, a.shape, a.flags['C_CONTIGUOUS'], repr(float(a[1, 2, 3])), repr(float(a.sum())))
                """.formatted(p));
        assertThat(out).isEqualTo("float32 (2, 3, 4) True 2.75 -3.0\n");
    }
}
