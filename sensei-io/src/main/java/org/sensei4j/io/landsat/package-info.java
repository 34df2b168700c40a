/**
 * Landsat 4–9 Level-1 products: MTL metadata ({@link org.sensei4j.io.landsat.LandsatMetadata}, Collection 1
 * and 2), DN → radiance / TOA reflectance / brightness temperature
 * ({@link org.sensei4j.io.landsat.LandsatRadiometry}) and the product folder with its band files
 * ({@link org.sensei4j.io.landsat.LandsatProduct}). Reading a product as a scene:
 * {@link org.sensei4j.io.product.LandsatScene}.
 *
 * <p>Band ids exposed per product: Landsat 8/9 {@code B1}…{@code B11} (B8 panchromatic, B10/B11 thermal);
 * Landsat 7 {@code B1}…{@code B8} with {@code B6} = {@code 6_VCID_1} (low gain), {@code B6_VCID_2} (high gain)
 * on request; Landsat 4/5 TM {@code B1}…{@code B7} (B6 thermal).
 */
package org.sensei4j.io.landsat;
