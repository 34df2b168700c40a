package org.sensei4j.io.geotiff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;
import org.sensei4j.io.geotiff.BlockEncoder.State;

/**
 * What the row writers share ({@link CogWriter}, {@link StreamingGeoTiffWriter}): the file is written as a temporary
 * file next to the target and renamed over it at commit; a failure discards it and spends the writer.
 */
abstract class TempFileWriter implements RowWriter {

    final Path target;
    final Path temp;
    final BlockEncoder encoder;
    private State state = State.OPEN;

    TempFileWriter(Path target, Path temp, BlockEncoder encoder) {
        this.target = target;
        this.temp = temp;
        this.encoder = encoder;
    }

    /** Where the writer is in its life (open, committed, failed or closed), for its description. */
    final State state() {
        return state;
    }

    /** Throws unless the writer is open (not committed, failed or closed). */
    final void requireOpen() {
        BlockEncoder.requireOpen(state, target);
    }

    /** Discards the temporary files and spends the writer; returns the error to throw, naming the target. */
    final SenseiException fail(Throwable e) {
        discard();
        state = State.FAILED;
        return BlockEncoder.failure(target, e);
    }

    /** Renames the finished temporary file over the target (replacing it). */
    final void moveIntoPlace() throws IOException {
        Files.move(temp, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        AtomicFiles.released(temp);
        state = State.COMMITTED;
        encoder.end();
    }

    /** Deletes the temporary files unless committed; safe to call more than once. */
    @Override
    public void close() {
        if (state == State.OPEN) {
            discard();
        }
        if (state != State.COMMITTED) {
            state = State.CLOSED;
        }
    }

    private void discard() {
        discardFiles();
        encoder.end();
    }

    /** Closes and deletes the writer's temporary files. */
    abstract void discardFiles();
}
