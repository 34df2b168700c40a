package org.sensei4j.io.npy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sensei4j.error.SenseiException;
import org.sensei4j.io.testdata.SharedData;
import org.sensei4j.raster.FloatRaster;

class NpyFileTest {

    @TempDir
    Path dir;

    /** A .npy file by hand: magic, version, header length, the dict padded to 64 bytes, then data. */
    static byte[] npy(int major, String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        int prefix = major == 1 ? 10 : 12;
        StringBuilder h = new StringBuilder(dict);
        while ((prefix + h.length() + 1) % 64 != 0) {
            h.append(' ');
        }
        h.append('\n');
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(prefix + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        if (major == 1) {
            b.putShort((short) header.length);
        } else {
            b.putInt(header.length);
        }
        b.put(header).put(data);
        return b.array();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    /** Values encoded with {@code width} bytes each in {@code order}. */
    private static byte[] encode(long[] values, int width, boolean floating, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(values.length * width).order(order);
        for (long v : values) {
            switch (width) {
                case 1 -> b.put((byte) v);
                case 2 -> b.putShort((short) v);
                case 4 -> {
                    if (floating) {
                        b.putFloat(v);
                    } else {
                        b.putInt((int) v);
                    }
                }
                case 8 -> {
                    if (floating) {
                        b.putDouble(v);
                    } else {
                        b.putLong(v);
                    }
                }
                default -> throw new AssertionError();
            }
        }
        return b.array();
    }

    @Test
    void readsEveryDtypeInBothByteOrders() throws IOException {
        record Case(String kind, int width, NpyDtype dtype, long[] stored, double[] expected) {}
        Case[] cases = {
            new Case("i", 1, NpyDtype.INT8, new long[] {-128, -1, 0, 127}, new double[] {-128, -1, 0, 127}),
            new Case("u", 1, NpyDtype.UINT8, new long[] {0, 1, 200, 255}, new double[] {0, 1, 200, 255}),
            new Case("b", 1, NpyDtype.BOOL, new long[] {0, 1, 1, 0}, new double[] {0, 1, 1, 0}),
            new Case("i", 2, NpyDtype.INT16, new long[] {-32768, -2, 7, 32767}, new double[] {-32768, -2, 7, 32767}),
            new Case("u", 2, NpyDtype.UINT16, new long[] {0, 1, 40000, 65535}, new double[] {0, 1, 40000, 65535}),
            new Case("i", 4, NpyDtype.INT32, new long[] {Integer.MIN_VALUE, -5, 6, Integer.MAX_VALUE}, new double[] {
                Integer.MIN_VALUE, -5, 6, Integer.MAX_VALUE
            }),
            new Case("u", 4, NpyDtype.UINT32, new long[] {0, 3, 3_000_000_000L, 4_294_967_295L}, new double[] {
                0, 3, 3e9, 4_294_967_295.0
            }),
            new Case("i", 8, NpyDtype.INT64, new long[] {-1L << 40, -1, 0, 1L << 40}, new double[] {
                -(double) (1L << 40), -1, 0, 1L << 40
            }),
            new Case("u", 8, NpyDtype.UINT64, new long[] {0, 1, -1, 1L << 62}, new double[] {
                0, 1, 18446744073709551615.0, 1L << 62
            }),
            new Case("f", 4, NpyDtype.FLOAT32, new long[] {-3, 0, 2, 1 << 20}, new double[] {-3, 0, 2, 1 << 20}),
            new Case("f", 8, NpyDtype.FLOAT64, new long[] {-3, 0, 2, 1L << 50}, new double[] {-3, 0, 2, 1L << 50}),
        };
        for (Case c : cases) {
            for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                String mark = c.width() == 1 ? "|" : order == ByteOrder.LITTLE_ENDIAN ? "<" : ">";
                String descr = mark + c.kind() + c.width();
                byte[] data = encode(c.stored(), c.width(), c.kind().equals("f"), order);
                NpyArray a = NpyFile.read(file("t.npy", npy(1, descr, false, "(2, 2)", data)));
                assertThat(a.dtype()).as(descr).isEqualTo(c.dtype());
                assertThat(a.shape()).containsExactly(2, 2);
                assertThat(a.toDoubles()).as(descr).containsExactly(c.expected());
                assertThat(a.getDouble(1L, 0L)).as(descr).isEqualTo(c.expected()[2]);
                assertThat(a.toFloats()[3]).as(descr).isEqualTo((float) c.expected()[3]);
            }
        }
        // bool bytes other than 0/1 count as true; toInts works on integer types
        NpyArray bools = NpyFile.read(file("b.npy", npy(1, "|b1", false, "(3,)", new byte[] {0, 2, 1})));
        assertThat(bools.toInts()).containsExactly(0, 1, 1);
        NpyArray f = NpyFile.read(file(
                "f.npy", npy(1, "<f4", false, "(1,)", encode(new long[] {1}, 4, true, ByteOrder.LITTLE_ENDIAN))));
        assertThatThrownBy(f::toInts).hasMessageContaining("toFloats");
    }

    @Test
    void readsVersions2And3AndScalars() throws IOException {
        byte[] data = encode(new long[] {1, 2, 3}, 2, false, ByteOrder.LITTLE_ENDIAN);
        for (int major : new int[] {1, 2, 3}) {
            NpyArray a = NpyFile.read(file("v.npy", npy(major, "<u2", false, "(3,)", data)));
            assertThat(a.shape()).containsExactly(3);
            assertThat(a.toInts()).containsExactly(1, 2, 3);
        }
        NpyArray scalar = NpyFile.read(file(
                "s.npy", npy(1, "<f8", false, "()", encode(new long[] {7}, 8, true, ByteOrder.LITTLE_ENDIAN))));
        assertThat(scalar.rank()).isZero();
        assertThat(scalar.size()).isEqualTo(1);
        assertThat(scalar.getDouble(0)).isEqualTo(7.0);
        NpyArray empty = NpyFile.read(file("e.npy", npy(1, "<f4", false, "(0, 5)", new byte[0])));
        assertThat(empty.size()).isZero();
    }

    @Test
    void fortranOrderIsTransposedToCOrder() throws IOException {
        // a[i][j][k] = 100 i + 10 j + k with shape (2, 3, 4), stored first index fastest
        long[] fortran = new long[24];
        int n = 0;
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < 3; j++) {
                for (int i = 0; i < 2; i++) {
                    fortran[n++] = 100 * i + 10 * j + k;
                }
            }
        }
        NpyArray a = NpyFile.read(
                file("f.npy", npy(1, "<i4", true, "(2, 3, 4)", encode(fortran, 4, false, ByteOrder.LITTLE_ENDIAN))));
        int[] c = a.toInts();
        n = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 4; k++) {
                    assertThat(c[n++]).isEqualTo(100 * i + 10 * j + k);
                }
            }
        }
        assertThat(a.getDouble(1L, 2L, 3L)).isEqualTo(123);
        // 1-d Fortran arrays are the same as C arrays
        NpyArray one = NpyFile.read(file("g.npy", npy(1, "|u1", true, "(3,)", new byte[] {4, 5, 6})));
        assertThat(one.toInts()).containsExactly(4, 5, 6);
    }

    @Test
    void float32RoundTripIsExactAndAligned() throws IOException {
        Random rnd = new Random(5);
        long[][] shapes = {{7}, {3, 5}, {2, 3, 4}, {1, 1, 1, 9}, {}};
        for (long[] shape : shapes) {
            int count = (int) NpyFile.elementCount(shape);
            float[] v = new float[count];
            for (int i = 0; i < count; i++) {
                v[i] = (float) rnd.nextGaussian();
            }
            v[0] = Float.NaN;
            Path p = dir.resolve("rt.npy");
            NpyFile.writeFloat32(p, shape, v);
            byte[] bytes = Files.readAllBytes(p);
            int headerLength = (bytes[8] & 0xFF) | (bytes[9] & 0xFF) << 8;
            assertThat((10 + headerLength) % 64)
                    .as("data starts 64-byte aligned")
                    .isZero();
            assertThat(bytes[10 + headerLength - 1]).isEqualTo((byte) '\n');
            NpyArray back = NpyFile.read(p);
            assertThat(back.shape()).containsExactly(shape);
            assertThat(back.dtype()).isEqualTo(NpyDtype.FLOAT32);
            assertThat(back.toFloats()).containsExactly(v);
        }
        String header =
                new String(NpyFile.encodeFloat32(new long[] {5}, new float[5]), 10, 60, StandardCharsets.ISO_8859_1);
        assertThat(header).startsWith("{'descr': '<f4', 'fortran_order': False, 'shape': (5,), }");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("rt.npy");
        }
    }

    @Test
    void badFilesGiveClearErrors() throws IOException {
        byte[] good = npy(1, "<f4", false, "(4, 4)", new byte[64]);
        Path truncated = file("trunc.npy", Arrays.copyOf(good, good.length - 5));
        assertThatThrownBy(() -> NpyFile.read(truncated))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(truncated.toString())
                .hasMessageContaining("truncated")
                .hasMessageContaining("needs 64 bytes")
                .hasMessageContaining("only 59");
        Path inHeader = file("trunc2.npy", Arrays.copyOf(good, 30));
        assertThatThrownBy(() -> NpyFile.read(inHeader)).hasMessageContaining("truncated inside its header");
        Path magic = file("magic.npy", "not numpy at all, sorry".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> NpyFile.read(magic))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(magic.toString())
                .hasMessageContaining("not a .npy file");
        Path tiny = file("tiny.npy", new byte[] {(byte) 0x93, 'N'});
        assertThatThrownBy(() -> NpyFile.read(tiny)).hasMessageContaining("only 2 bytes");
        Path complex = file("c.npy", npy(1, "<c8", false, "(1,)", new byte[8]));
        assertThatThrownBy(() -> NpyFile.read(complex))
                .hasMessageContaining("'<c8' is not supported")
                .hasMessageContaining("astype");
        Path structured = file("st.npy", npy(1, "x", false, "(1,)", new byte[0]));
        Files.write(
                structured,
                new String(Files.readAllBytes(structured), StandardCharsets.ISO_8859_1)
                        .replace("'descr': 'x'", "'descr': [('a', '<f4')]")
                        .getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> NpyFile.read(structured)).hasMessageContaining("structured");
        byte[] v9 = npy(1, "<f4", false, "(1,)", new byte[4]);
        v9[6] = 9;
        Path version = file("v9.npy", v9);
        assertThatThrownBy(() -> NpyFile.read(version)).hasMessageContaining("version 9.0 is not supported");
        Path missing = dir.resolve("missing.npy");
        assertThatThrownBy(() -> NpyFile.read(missing)).hasMessage("file not found: " + missing);
        assertThatThrownBy(() -> NpyFile.writeFloat32(dir.resolve("no/dir/x.npy"), new long[] {1}, new float[1]))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> NpyFile.writeFloat32(dir.resolve("x.npy"), new long[] {2}, new float[1]))
                .hasMessageContaining("needs 2 values");
    }

    private static byte[] zip(boolean deflate, Map<String, byte[]> members) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> m : members.entrySet()) {
                ZipEntry e = new ZipEntry(m.getKey());
                if (!deflate) {
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(m.getValue().length);
                    CRC32 crc = new CRC32();
                    crc.update(m.getValue());
                    e.setCrc(crc.getValue());
                }
                z.putNextEntry(e);
                z.write(m.getValue());
                z.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    @Test
    void npzStoredAndDeflated() throws IOException {
        byte[] a = npy(1, "<f4", false, "(2,)", encode(new long[] {1, 2}, 4, true, ByteOrder.LITTLE_ENDIAN));
        byte[] b = npy(1, "|u1", false, "(1, 3)", new byte[] {9, 8, 7});
        for (boolean deflate : new boolean[] {false, true}) {
            Path p = file("a" + deflate + ".npz", zip(deflate, new LinkedHashMap<>(Map.of("a.npy", a)) {
                {
                    put("b.npy", b);
                }
            }));
            Map<String, NpyArray> all = NpzFile.read(p);
            assertThat(all.keySet()).containsExactly("a", "b");
            assertThat(all.get("a").toFloats()).containsExactly(1f, 2f);
            assertThat(all.get("b").toInts()).containsExactly(9, 8, 7);
            assertThat(NpzFile.read(p, "b").shape()).containsExactly(1, 3);
            assertThat(NpzFile.names(p)).containsExactly("a", "b");
            assertThatThrownBy(() -> NpzFile.read(p, "c"))
                    .isInstanceOf(SenseiException.class)
                    .hasMessageContaining("'c' not found")
                    .hasMessageContaining("[a, b]");
        }
        Path notZip = file("x.npz", a);
        assertThatThrownBy(() -> NpzFile.read(notZip))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining(notZip.toString())
                .hasMessageContaining("not a zip archive");
        Path badMember = file("bad.npz", zip(true, Map.of("c.npy", Arrays.copyOf(a, a.length - 2))));
        assertThatThrownBy(() -> NpzFile.read(badMember))
                .isInstanceOf(SenseiException.class)
                .hasMessageContaining("bad.npz!c.npy")
                .hasMessageContaining("truncated");
        assertThatThrownBy(() -> NpzFile.read(dir.resolve("none.npz"))).hasMessageContaining("file not found");
    }

    @Test
    void ukisCsmaskSentinel2Npz() {
        Path f = SharedData.require("data/real/ukis-csmask/sentinel2.npz", "the ukis npz");
        Map<String, NpyArray> all = NpzFile.read(f);
        assertThat(all.keySet()).containsExactlyInAnyOrder("img", "msk");
        NpyArray img = all.get("img");
        assertThat(img.dtype()).isEqualTo(NpyDtype.FLOAT32);
        assertThat(img.shape()).containsExactly(512, 512, 6);
        // values printed by numpy: img[0,0,:], img[100,200,:], img[511,511,5]
        float[] v = img.toFloats();
        assertThat(Arrays.copyOfRange(v, 0, 6)).containsExactly(0.1421f, 0.143f, 0.1388f, 0.4689f, 0.2772f, 0.1411f);
        assertThat(img.getDouble(100L, 200L, 3L)).isCloseTo(0.4048, within(1e-6));
        assertThat(img.getDouble(511L, 511L, 5L)).isCloseTo(0.2674, within(1e-6));
        double sum = 0;
        for (float x : v) {
            sum += x;
        }
        assertThat(sum).isCloseTo(388046.18800091, within(1e-3));
        NpyArray msk = all.get("msk");
        assertThat(msk.dtype()).isEqualTo(NpyDtype.UINT8);
        assertThat(msk.shape()).containsExactly(512, 512, 1);
        int[] counts = new int[5];
        for (int c : msk.toInts()) {
            counts[c]++;
        }
        assertThat(counts).containsExactly(28583, 840, 0, 183124, 49597);
        FloatRaster r = img.toFloatRaster(NpyArray.ImageLayout.HWC, null);
        assertThat(r.bands()).isEqualTo(6);
        assertThat(r.height()).isEqualTo(512);
        assertThat(r.get(3, 100, 200)).isEqualTo(0.4048f);
        assertThat(r.get(5, 511, 511)).isEqualTo(0.2674f);
    }

    @Test
    void chwLayoutKeepsOrder() {
        NpyArray a = NpyArray.ofFloats(new long[] {2, 1, 3}, new float[] {1, 2, 3, 4, 5, 6});
        FloatRaster chw = a.toFloatRaster(NpyArray.ImageLayout.CHW, null);
        assertThat(chw.band(1)).containsExactly(4, 5, 6);
        FloatRaster hwc = a.toFloatRaster(NpyArray.ImageLayout.HWC, null);
        // (h=2, w=1, c=3): pixel (0,0) = [1,2,3], pixel (1,0) = [4,5,6]
        assertThat(hwc.bands()).isEqualTo(3);
        assertThat(hwc.band(0)).containsExactly(1, 4);
        assertThat(hwc.band(2)).containsExactly(3, 6);
        assertThatThrownBy(() ->
                        NpyArray.ofFloats(new long[] {6}, new float[6]).toFloatRaster(NpyArray.ImageLayout.HWC, null))
                .hasMessageContaining("not 3-D");
    }
}
