package org.sensei4j.train.run;

import org.sensei4j.file.AtomicFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;

/**
 * Training checkpoints in a directory: one sub-directory {@code epoch-NNNN} per saved epoch holding
 * {@code state.json} (the loop's state: counters, learning rate, schedule, RNG position, metrics) and binary
 * blobs (model parameters, optimizer state). Each checkpoint is written to a temporary directory and renamed into
 * place, so a run killed while saving leaves the previous checkpoint intact; older checkpoints are then deleted
 * (the newest {@code keep} remain).
 */
public final class Checkpoints {

    /** Name of the JSON state file inside a checkpoint. */
    public static final String STATE_JSON = "state.json";

    private static final Pattern NAME = Pattern.compile("epoch-(\\d{4,})");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path dir;
    private final int keep;

    /** A saved checkpoint. */
    public record Saved(int epoch, Path dir, JsonNode state) {

        /** The bytes of blob {@code name}. */
        public byte[] blob(String name) throws IOException {
            Path p = dir.resolve(name);
            if (!Files.isRegularFile(p)) {
                throw new SenseiException("checkpoint " + dir + " has no " + name
                        + ": it is incomplete; delete it to resume from the one before");
            }
            return Files.readAllBytes(p);
        }
    }

    public Checkpoints(Path dir, int keep) {
        if (keep < 1) {
            throw new IllegalArgumentException("keep must be >= 1, got " + keep);
        }
        this.dir = dir;
        this.keep = keep;
    }

    public Path dir() {
        return dir;
    }

    /** Saves the checkpoint of {@code epoch} ({@code state} as JSON, then the blobs) and prunes old ones. */
    public Path save(int epoch, Object state, Map<String, byte[]> blobs) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("epoch-%04d", epoch));
        Path tmp = Files.createTempDirectory(dir, ".epoch-" + epoch + "-");
        try {
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                Files.write(tmp.resolve(b.getKey()), b.getValue());
            }
            Files.write(tmp.resolve(STATE_JSON), JSON.writeValueAsBytes(state));
            AtomicFiles.deleteTree(target);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            AtomicFiles.deleteTree(tmp);
        }
        List<Integer> epochs = epochs();
        for (int i = 0; i < epochs.size() - keep; i++) {
            AtomicFiles.deleteTree(dir.resolve(String.format("epoch-%04d", epochs.get(i))));
        }
        return target;
    }

    /** The newest complete checkpoint, if any. */
    public Optional<Saved> latest() throws IOException {
        List<Integer> epochs = epochs();
        for (int i = epochs.size() - 1; i >= 0; i--) {
            Path p = dir.resolve(String.format("epoch-%04d", epochs.get(i)));
            Path state = p.resolve(STATE_JSON);
            if (Files.isRegularFile(state)) {
                JsonNode json;
                try {
                    json = JSON.readTree(state.toFile());
                } catch (IOException e) {
                    throw new SenseiException("checkpoint " + p + " has an unreadable " + STATE_JSON + " ("
                            + e.getMessage() + "): delete that directory to resume from the one before");
                }
                return Optional.of(new Saved(epochs.get(i), p, json));
            }
        }
        return Optional.empty();
    }

    /** Epoch numbers of the checkpoint directories present, ascending. */
    public List<Integer> epochs() throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (var list = Files.list(dir)) {
            for (Path p : list.toList()) {
                Matcher m = NAME.matcher(p.getFileName().toString());
                if (m.matches() && Files.isDirectory(p)) {
                    out.add(Integer.parseInt(m.group(1)));
                }
            }
        }
        out.sort(null);
        return out;
    }
}
