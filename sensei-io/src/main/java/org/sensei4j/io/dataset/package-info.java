/**
 * Readers of labelled cloud-mask data sets in their on-disk layouts, each giving a
 * {@link org.sensei4j.dataset.Dataset} of {@link org.sensei4j.dataset.LabelledScene}s with labels in our class
 * schemes: Sentinel-2 Cloud Mask Catalogue, Landsat 8 SPARCS, Landsat 8 Biome, Landsat 7 Irish, CloudPeru2,
 * 38-Cloud, CloudSEN12 (GeoTIFF), eo4ai patches, ukis-csmask samples and On Cloud N chips.
 *
 * <p>Values are converted to SEnSeI's quantities (reflectance 0–1, normalised brightness temperature); Landsat
 * DNs go through a {@link org.sensei4j.io.dataset.DigitalNumberConverter}, by default
 * {@link org.sensei4j.io.dataset.LandsatDnConverter} reading the scene's MTL. Masks are read with the
 * {@link org.sensei4j.classes.ClassCodeMapping} of their data set; an unknown code is an error naming the file,
 * the code, the pixel and the fix.
 */
package org.sensei4j.io.dataset;
