package org.sensei4j.io.remote;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** A local file read through a {@link FileChannel}. */
public final class FileByteSource implements ByteSource {

    private final Path file;
    private final FileChannel channel;
    private long fetched;

    private FileByteSource(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /** Opens {@code file} for reading (the caller checks that it exists and is a regular file). */
    public static FileByteSource open(Path file) throws IOException {
        return new FileByteSource(file, FileChannel.open(file, StandardOpenOption.READ));
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public long size() throws IOException {
        return channel.size();
    }

    @Override
    public int read(ByteBuffer dst, long position) throws IOException {
        int total = 0;
        while (dst.hasRemaining()) {
            int n = channel.read(dst, position + total);
            if (n < 0) {
                return total == 0 ? -1 : total;
            }
            total += n;
            fetched += n;
        }
        return total;
    }

    @Override
    public long bytesFetched() {
        return fetched;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
