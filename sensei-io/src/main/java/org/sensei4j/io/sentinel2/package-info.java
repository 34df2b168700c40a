/**
 * Sentinel-2 L1C/L2A products: product-level metadata ({@link org.sensei4j.io.sentinel2.Sentinel2Metadata},
 * {@code MTD_MSIL1C.xml} / {@code MTD_MSIL2A.xml}), tile metadata with the CRS and grids
 * ({@link org.sensei4j.io.sentinel2.Sentinel2TileMetadata}, {@code MTD_TL.xml}), the SAFE folder layout and its
 * band images ({@link org.sensei4j.io.sentinel2.Sentinel2Safe}) and DN → reflectance
 * ({@link org.sensei4j.io.sentinel2.Sentinel2Radiometry}). Reading a product as a scene:
 * {@link org.sensei4j.io.product.Sentinel2SafeScene}.
 *
 * <p>Band names exposed: {@code B01}, {@code B02}, {@code B03}, {@code B04}, {@code B05}, {@code B06},
 * {@code B07}, {@code B08}, {@code B8A}, {@code B09}, {@code B10}, {@code B11}, {@code B12}, in the order of the
 * XML's {@code bandId} 0…12 (L2A products have no B10 image).
 */
package org.sensei4j.io.sentinel2;
