package org.sensei4j.model.head;

/** Kind of segmentation head. */
public enum HeadType {
    /** The paper's "NN": per-pixel two-layer network ({@link PixelMlp}). */
    PIXEL_MLP,
    /** The paper's "DLv3": DeepLabv3+ with a MobileNetV2 backbone ({@link DeepLabV3Plus}). */
    DEEPLAB_V3_PLUS
}
