package org.sensei4j.model.head;

/** Kind of segmentation head. */
public enum HeadType {
    /** The paper's "NN": per-pixel two-layer network ({@link PixelMlp}). */
    PIXEL_MLP,
    /** The paper's "DLv3": DeepLabv3+ with a MobileNetV2 backbone ({@link DeepLabV3Plus}). */
    DEEPLAB_V3_PLUS;

    /**
     * True if each pixel's output depends on that pixel alone: such a model needs no tile overlap (tiles match a
     * single-shot prediction exactly), so masking skips the overlap's extra work.
     */
    public boolean isPerPixel() {
        return this == PIXEL_MLP;
    }
}
