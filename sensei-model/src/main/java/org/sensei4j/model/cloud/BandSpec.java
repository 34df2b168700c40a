package org.sensei4j.model.cloud;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.sensei4j.descriptor.BandDescriptor;

/** One input band of a fixed-band model: its id and wavelengths (nm), as stored in a bundle. */
public record BandSpec(
        @JsonProperty("id") String id,
        @JsonProperty("min_nm") double minNm,
        @JsonProperty("centre_nm") double centreNm,
        @JsonProperty("max_nm") double maxNm) {

    public static BandSpec of(String id, BandDescriptor d) {
        return new BandSpec(id, d.minNm(), d.centreNm(), d.maxNm());
    }

    public BandDescriptor descriptor() {
        return new BandDescriptor(minNm, centreNm, maxNm);
    }
}
