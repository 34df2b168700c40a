package org.sensei4j.model.cloud;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.error.SenseiException;
import org.sensei4j.model.head.HeadConfig;
import org.sensei4j.model.head.HeadType;
import org.sensei4j.model.sensei.SenseiConfig;

/**
 * Everything needed to rebuild a {@link CloudModel}: the optional SEnSeI encoder, the head, the class scheme,
 * and for fixed-band models the ordered band list. Stored as {@code model.json} in a bundle.
 *
 * @param name          short model name
 * @param sensei        SEnSeI encoder config, or null for a fixed-band model
 * @param head          head architecture (its input channels are the SEnSeI feature count or the band count)
 * @param classScheme   id of the class scheme: "cloud", "cloud-shadow" or "full"
 * @param bands         ordered input bands of a fixed-band model; null for a SEnSeI model
 * @param normalisation what the input values must be ("toa-reflectance": reflectance 0–1, thermal as
 *                      normalised brightness temperature)
 * @param calibration   the calibrated decision ({@code sensei calibrate}), or null: most probable class
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ModelSpec(
        String name,
        SenseiConfig sensei,
        HeadConfig head,
        String classScheme,
        List<BandSpec> bands,
        String normalisation,
        Calibration calibration) {

    public static final String DEFAULT_NORMALISATION = "toa-reflectance";

    /** A SEnSeI model's name and architecture: this prefix and the head type's id. */
    public static final String SENSEI_PREFIX = "sensei-";

    /** Hidden units of the paper's NN head (1,154 parameters with 13 bands and 2 classes). */
    public static final int NN_HIDDEN = 72;

    /** The architectures {@code sensei models describe} knows by name. */
    public static final List<String> ARCHITECTURES = Stream.concat(
                    HeadType.ids().stream(), HeadType.ids().stream().map(id -> SENSEI_PREFIX + id))
            .toList();

    @JsonCreator
    public ModelSpec {
        if (head == null) {
            throw new SenseiException("model spec has no head: add a \"head\" object");
        }
        if (classScheme == null) {
            throw new SenseiException("model spec has no class_scheme: use one of cloud, cloud-shadow, full");
        }
        ClassScheme scheme = ClassScheme.fromId(classScheme);
        if (head.classes() != scheme.classCount()) {
            throw new SenseiException("head has " + head.classes() + " classes but class scheme '" + classScheme
                    + "' has " + scheme.classCount());
        }
        if (sensei != null) {
            if (bands != null) {
                throw new SenseiException("a SEnSeI model takes any bands: remove the fixed \"bands\" list");
            }
            if (head.inChannels() != sensei.featureChannels()) {
                throw new SenseiException(
                        "head takes " + head.inChannels() + " channels but SEnSeI outputs " + sensei.featureChannels());
            }
        } else {
            if (bands == null || bands.isEmpty()) {
                throw new SenseiException("a fixed-band model needs its ordered \"bands\" list");
            }
            if (bands.size() != head.inChannels()) {
                throw new SenseiException(
                        "head takes " + head.inChannels() + " channels but " + bands.size() + " bands are listed");
            }
            bands = List.copyOf(bands);
        }
        if (normalisation == null) {
            normalisation = DEFAULT_NORMALISATION;
        }
    }

    /** A spec without calibration (as every spec was before calibration existed). */
    public ModelSpec(
            String name,
            SenseiConfig sensei,
            HeadConfig head,
            String classScheme,
            List<BandSpec> bands,
            String normalisation) {
        this(name, sensei, head, classScheme, bands, normalisation, null);
    }

    /** This spec with {@code c} as its calibration (null: none). */
    public ModelSpec withCalibration(Calibration c) {
        return new ModelSpec(name, sensei, head, classScheme, bands, normalisation, c);
    }

    @JsonIgnore
    public boolean isSensorIndependent() {
        return sensei != null;
    }

    @JsonIgnore
    public ClassScheme scheme() {
        return ClassScheme.fromId(classScheme);
    }

    /** A SEnSeI model with the published encoder and the given head type. */
    public static ModelSpec sensei(HeadType headType, ClassScheme scheme) {
        SenseiConfig s = SenseiConfig.published();
        return new ModelSpec(
                SENSEI_PREFIX + headType.id(),
                s,
                head(headType, s.featureChannels(), scheme),
                scheme.id(),
                null,
                DEFAULT_NORMALISATION);
    }

    /** A fixed-band model over {@code bands} with the given head type. */
    public static ModelSpec fixedBands(HeadType headType, List<BandSpec> bands, ClassScheme scheme) {
        return new ModelSpec(
                headType.id(), null, head(headType, bands.size(), scheme), scheme.id(), bands, DEFAULT_NORMALISATION);
    }

    /**
     * A named architecture: {@code nn}, {@code deeplabv3plus} (fixed bands, {@code inChannels} inputs, bands
     * named B1..Bn without wavelengths known: placeholders 400+ nm), {@code sensei-nn}, {@code sensei-deeplabv3plus}.
     */
    public static ModelSpec architecture(String arch, int inChannels, ClassScheme scheme) {
        String a = arch.toLowerCase(Locale.ROOT);
        boolean withSensei = a.startsWith(SENSEI_PREFIX);
        HeadType type = HeadType.fromId(withSensei ? a.substring(SENSEI_PREFIX.length()) : a)
                .orElseThrow(() -> new SenseiException("unknown architecture '" + arch + "': use one of "
                        + ARCHITECTURES + " or give a model bundle"));
        if (withSensei) {
            return sensei(type, scheme);
        }
        if (inChannels < 1 || inChannels > HeadConfig.MAX_IN_CHANNELS) {
            throw new SenseiException("--in-channels must be 1.." + HeadConfig.MAX_IN_CHANNELS + " for a fixed-band "
                    + a + ", got " + inChannels);
        }
        List<BandSpec> placeholder = new ArrayList<>();
        for (int i = 0; i < inChannels; i++) {
            double c = 450 + 100.0 * i;
            placeholder.add(new BandSpec("B" + (i + 1), c - 10, c, c + 10));
        }
        return fixedBands(type, placeholder, scheme);
    }

    /** The standard head of a type: the paper's NN ({@link #NN_HIDDEN} hidden units) or DeepLabv3+. */
    public static HeadConfig head(HeadType headType, int inChannels, ClassScheme scheme) {
        return switch (headType) {
            case PIXEL_MLP -> HeadConfig.pixelMlp(inChannels, NN_HIDDEN, scheme.classCount());
            case DEEPLAB_V3_PLUS -> HeadConfig.deepLabV3Plus(inChannels, scheme.classCount());
        };
    }
}
