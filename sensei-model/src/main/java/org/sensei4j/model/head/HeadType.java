package org.sensei4j.model.head;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Kind of segmentation head. */
public enum HeadType {
    /** The paper's "NN": per-pixel two-layer network ({@link PixelMlp}). */
    PIXEL_MLP("nn"),
    /** The paper's "DLv3": DeepLabv3+ with a MobileNetV2 backbone ({@link DeepLabV3Plus}). */
    DEEPLAB_V3_PLUS("deeplabv3plus");

    private final String id;

    HeadType(String id) {
        this.id = id;
    }

    /**
     * The name in training configs ({@code head: nn}) and architecture names ({@code sensei-deeplabv3plus}):
     * {@code nn} or {@code deeplabv3plus}. (Bundles' {@code model.json} stores the constant's name.)
     */
    public String id() {
        return id;
    }

    /** The ids of all head types, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(HeadType::id).toList();
    }

    /** The head type an id names ({@link #id()}; case does not matter). */
    public static Optional<HeadType> fromId(String id) {
        String n = id.toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(t -> t.id.equals(n)).findFirst();
    }

    /**
     * True if each pixel's output depends on that pixel alone: such a model needs no tile overlap (tiles match a
     * single-shot prediction exactly), so masking skips the overlap's extra work.
     */
    public boolean isPerPixel() {
        return this == PIXEL_MLP;
    }
}
