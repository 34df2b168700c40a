package org.sensei4j.train.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sensei4j.error.SenseiException;
import org.sensei4j.file.AtomicFiles;

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
    /** Name of the SHA-256 sums of a checkpoint's blobs. */
    public static final String CHECKSUMS_JSON = "checksums.json";

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

    /**
     * The checkpoint a run in {@code out} resumes from: {@code latest}, which must be there, of {@code format} and
     * saved with the settings the run has now, except those that may change.
     *
     * @param notFormat what it is not when of another format, after "checkpoint DIR is not ", e.g. "a pretraining
     *     checkpoint"
     * @param changes   the settings that differ from the checkpoint's {@code settings}, one line each
     * @param mayChange the settings that may change on resuming, in words
     * @throws SenseiException when there is no checkpoint, it is of another format or the settings changed
     */
    public Saved resumable(
            Optional<Saved> latest,
            Path out,
            String format,
            String notFormat,
            Function<JsonNode, List<String>> changes,
            String mayChange) {
        if (latest.isEmpty()) {
            throw new SenseiException("nothing to resume in " + out + " (no checkpoint in " + dir.getFileName()
                    + "/): run without --resume to start");
        }
        Saved saved = latest.get();
        if (!format.equals(saved.state().path("format").asText())) {
            throw new SenseiException("checkpoint " + saved.dir() + " is not " + notFormat);
        }
        List<String> diffs = changes.apply(saved.state().path("settings"));
        if (!diffs.isEmpty()) {
            throw new SenseiException("cannot resume " + out + ": the config changed since the checkpoint ("
                    + String.join("; ", diffs) + "): resume with the original config (only " + mayChange
                    + " may change) or start a new output_dir");
        }
        return saved;
    }

    /** Saves the checkpoint of {@code epoch} ({@code state} as JSON, then the blobs) and prunes old ones. */
    public Path save(int epoch, Object state, Map<String, byte[]> blobs) throws IOException {
        try {
            return saveChecked(epoch, state, blobs);
        } catch (FileSystemException e) {
            throw e; // names its file
        } catch (IOException e) {
            throw new SenseiException(
                    "cannot save the checkpoint of epoch " + epoch + " in " + dir + ": " + e.getMessage()
                            + ": free disk space there (or fix its permissions) and resume with --resume",
                    e);
        }
    }

    private Path saveChecked(int epoch, Object state, Map<String, byte[]> blobs) throws IOException {
        Files.createDirectories(dir);
        Path target = dir.resolve(String.format("epoch-%04d", epoch));
        Path tmp = Files.createTempDirectory(dir, ".epoch-" + epoch + "-");
        try {
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                Files.write(tmp.resolve(b.getKey()), b.getValue());
            }
            Map<String, String> sums = new TreeMap<>();
            for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
                sums.put(b.getKey(), sha256(b.getValue()));
            }
            Files.write(tmp.resolve(CHECKSUMS_JSON), JSON.writeValueAsBytes(sums));
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

    /**
     * The newest complete and intact checkpoint, if any. A newer one that is corrupt (an unreadable
     * {@code state.json}, or a blob missing or not matching its checksum) is passed over with a warning on
     * standard error, so a run resumes from the one before; when every checkpoint is corrupt, the newest one's
     * problem is refused.
     */
    public Optional<Saved> latest() throws IOException {
        List<Integer> epochs = epochs();
        SenseiException firstProblem = null;
        for (int i = epochs.size() - 1; i >= 0; i--) {
            Path p = dir.resolve(String.format("epoch-%04d", epochs.get(i)));
            Path state = p.resolve(STATE_JSON);
            if (Files.isRegularFile(state)) {
                String problem = null;
                JsonNode json = null;
                try {
                    json = JSON.readTree(state.toFile());
                    if (json == null || !json.isObject()) {
                        problem = STATE_JSON + " is empty or not a JSON object";
                    }
                } catch (IOException e) {
                    problem = "unreadable " + STATE_JSON + " (" + e.getMessage() + ")";
                }
                if (problem == null) {
                    problem = checkBlobs(p);
                }
                if (problem == null) {
                    if (firstProblem != null) {
                        System.err.println("warning: " + firstProblem.getMessage() + "; resuming from " + p);
                    }
                    return Optional.of(new Saved(epochs.get(i), p, json));
                }
                if (firstProblem == null) {
                    firstProblem = new SenseiException("checkpoint " + p + " is corrupt: " + problem
                            + ": delete that directory to resume from the one before, or start again");
                }
            }
        }
        if (firstProblem != null) {
            throw firstProblem;
        }
        return Optional.empty();
    }

    /** Why the blobs of a checkpoint do not match their checksums, or null (also for checkpoints without sums). */
    private static String checkBlobs(Path checkpoint) {
        Path sums = checkpoint.resolve(CHECKSUMS_JSON);
        if (!Files.isRegularFile(sums)) {
            return null; // written before checksums were kept
        }
        try {
            JsonNode json = JSON.readTree(sums.toFile());
            for (var e : json.properties()) {
                Path blob = checkpoint.resolve(e.getKey());
                if (!Files.isRegularFile(blob)) {
                    return e.getKey() + " is missing";
                }
                if (!sha256(Files.readAllBytes(blob)).equals(e.getValue().asText())) {
                    return e.getKey() + " does not match its checksum (truncated or changed)";
                }
            }
            return null;
        } catch (IOException e) {
            return "unreadable " + CHECKSUMS_JSON + " (" + e.getMessage() + ")";
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
