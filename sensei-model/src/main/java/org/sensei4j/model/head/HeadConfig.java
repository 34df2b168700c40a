package org.sensei4j.model.head;

import ai.djl.nn.Block;
import java.util.Arrays;
import org.sensei4j.error.SenseiException;

/**
 * Architecture settings of a segmentation head, as stored in a model bundle (a plain record: Jackson
 * reads and writes it without annotations). Fields that do not apply to the type are {@code null}.
 *
 * @param type which head
 * @param inChannels input channels (band count, or the SEnSeI feature count, 64)
 * @param classes output classes
 * @param hidden hidden units of a {@link HeadType#PIXEL_MLP}; {@code null} otherwise
 * @param alpha MobileNetV2 width multiplier of a {@link HeadType#DEEPLAB_V3_PLUS}; {@code null} otherwise
 * @param outputStride backbone output stride of a {@link HeadType#DEEPLAB_V3_PLUS} (only 8 exists);
 *     {@code null} otherwise
 */
public record HeadConfig(
        HeadType type, int inChannels, int classes, Integer hidden, Double alpha, Integer outputStride) {

    /** Most input channels a head may take (hyperspectral sensors have a few hundred bands). */
    public static final int MAX_IN_CHANNELS = 1024;
    /** Most classes: masks are uint8 with nodata 255. */
    public static final int MAX_CLASSES = 254;
    /** Widest hidden layer of a {@link HeadType#PIXEL_MLP}. */
    public static final int MAX_HIDDEN = 16384;
    /** Widest {@link HeadType#DEEPLAB_V3_PLUS} width multiplier (the paper's is 1; 2 has ~8 M parameters). */
    public static final double MAX_ALPHA = 2.0;
    /**
     * Most parameters a model may have (80 MB of float32 weights; the largest architecture here has 2.3 M): a
     * bundle's description is checked against it before anything is allocated.
     */
    public static final long MAX_PARAMETERS = 20_000_000L;

    /** Validates the settings; a bad bundle gets a message that names the field. */
    public HeadConfig {
        if (type == null) {
            throw new SenseiException(
                    "head config has no type: set \"type\" to one of " + Arrays.toString(HeadType.values()));
        }
        if (inChannels < 1) {
            throw new SenseiException("head config: inChannels must be ≥ 1, got " + inChannels
                    + ": set it to the band count (or 64 for SEnSeI features)");
        }
        if (inChannels > MAX_IN_CHANNELS) {
            throw new SenseiException("head config: inChannels is " + inChannels + ", more than the " + MAX_IN_CHANNELS
                    + " this tool accepts: the model description is corrupt or not meant for sensei4j");
        }
        if (classes < 1) {
            throw new SenseiException("head config: classes must be ≥ 1, got " + classes);
        }
        if (classes > MAX_CLASSES) {
            throw new SenseiException("head config: classes is " + classes + ", more than the " + MAX_CLASSES
                    + " a uint8 mask holds: the model description is corrupt");
        }
        switch (type) {
            case PIXEL_MLP:
                if (hidden == null || hidden < 1) {
                    throw new SenseiException("head config: a PIXEL_MLP needs \"hidden\" ≥ 1, got " + hidden);
                }
                if (hidden > MAX_HIDDEN) {
                    throw new SenseiException("head config: \"hidden\" is " + hidden + ", more than the " + MAX_HIDDEN
                            + " units this tool accepts: the model description is corrupt or hostile");
                }
                if (alpha != null || outputStride != null) {
                    throw new SenseiException(
                            "head config: alpha and outputStride belong to DEEPLAB_V3_PLUS; remove them from the "
                                    + "PIXEL_MLP config");
                }
                break;
            case DEEPLAB_V3_PLUS:
                if (alpha == null || !(alpha > 0) || alpha.isInfinite()) {
                    throw new SenseiException(
                            "head config: a DEEPLAB_V3_PLUS needs a positive \"alpha\" (1.0 in the paper), got "
                                    + alpha);
                }
                if (alpha > MAX_ALPHA) {
                    throw new SenseiException("head config: \"alpha\" is " + alpha + ", more than the " + MAX_ALPHA
                            + " this tool accepts (1.0 in the paper): the model description is corrupt or hostile");
                }
                if (outputStride == null || outputStride != DeepLabV3Plus.OUTPUT_STRIDE) {
                    throw new SenseiException("head config: DEEPLAB_V3_PLUS supports only \"outputStride\": "
                            + DeepLabV3Plus.OUTPUT_STRIDE + ", got " + outputStride);
                }
                if (hidden != null) {
                    throw new SenseiException(
                            "head config: hidden belongs to PIXEL_MLP; remove it from the DEEPLAB_V3_PLUS config");
                }
                break;
            default:
                throw new AssertionError(type);
        }
        if (type == HeadType.PIXEL_MLP) {
            long params = ((long) inChannels + 1) * hidden + ((long) hidden + 1) * classes;
            if (params > MAX_PARAMETERS) {
                throw new SenseiException("head config: a PIXEL_MLP of " + inChannels + " inputs and " + hidden
                        + " hidden units has " + params + " parameters, more than the " + MAX_PARAMETERS
                        + " this tool accepts: the model description is corrupt or hostile");
            }
        }
    }

    /** Settings of a {@link PixelMlp}. */
    public static HeadConfig pixelMlp(int inChannels, int hidden, int classes) {
        return new HeadConfig(HeadType.PIXEL_MLP, inChannels, classes, hidden, null, null);
    }

    /** Settings of the paper's {@link DeepLabV3Plus} (alpha 1, output stride 8). */
    public static HeadConfig deepLabV3Plus(int inChannels, int classes) {
        return deepLabV3Plus(inChannels, classes, 1.0);
    }

    /** Settings of a {@link DeepLabV3Plus} of width {@code alpha}, output stride 8. */
    public static HeadConfig deepLabV3Plus(int inChannels, int classes, double alpha) {
        return new HeadConfig(HeadType.DEEPLAB_V3_PLUS, inChannels, classes, null, alpha, DeepLabV3Plus.OUTPUT_STRIDE);
    }

    /** A new, uninitialised block with these settings. */
    public Block newBlock() {
        switch (type) {
            case PIXEL_MLP:
                return PixelMlp.of(inChannels, hidden, classes);
            case DEEPLAB_V3_PLUS:
                return DeepLabV3Plus.builder()
                        .setInChannels(inChannels)
                        .setNumClasses(classes)
                        .optAlpha(alpha)
                        .build();
            default:
                throw new AssertionError(type);
        }
    }
}
