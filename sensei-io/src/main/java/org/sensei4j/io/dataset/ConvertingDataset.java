package org.sensei4j.io.dataset;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.sensei4j.classes.ClassCodeMapping;
import org.sensei4j.classes.ClassScheme;
import org.sensei4j.dataset.SplitAssignment;

/**
 * A data set on disk whose stored values a {@link DigitalNumberConverter} turns into reflectance and whose masks a
 * {@link ClassCodeMapping} decodes; the same data set with another converter, mapping or split is one call away.
 *
 * @param <D> the data set's own type, which the {@code with…} methods return
 */
abstract class ConvertingDataset<D extends ConvertingDataset<D>> extends FileDataset {

    /**
     * What the {@code with…} methods change: the split, the converter of stored values and the masks' code mapping.
     *
     * @param converter null where the data set's own default applies
     * @param mapping   null where the data set chooses one per scene
     */
    record Reading(SplitAssignment splits, DigitalNumberConverter converter, ClassCodeMapping mapping) {}

    /** The converter of stored values; null where the data set's own default applies. */
    final DigitalNumberConverter converter;

    /** The code mapping of the masks; null where the data set chooses one per scene. */
    final ClassCodeMapping mapping;

    ConvertingDataset(String name, Path root, ClassScheme scheme, List<String> sceneIds, Reading reading) {
        super(name, root, scheme, sceneIds, reading.splits());
        this.converter = reading.converter();
        this.mapping = reading.mapping();
    }

    /** How this data set reads its scenes. */
    final Reading reading() {
        return new Reading(splits(), converter, mapping);
    }

    /** This data set reading its scenes as {@code reading}, the rest as it is. */
    abstract D with(Reading reading);

    /** The same data set with another converter of stored values (e.g. for data that is not the usual DNs). */
    public D withConverter(DigitalNumberConverter newConverter) {
        return with(new Reading(splits(), Objects.requireNonNull(newConverter), mapping));
    }

    /**
     * The same data set reading every mask with another code mapping (e.g. {@code "clear=0;cloud=1"}), also where
     * it would choose the coding per scene.
     */
    public D withMapping(ClassCodeMapping newMapping) {
        return with(new Reading(splits(), converter, Objects.requireNonNull(newMapping)));
    }

    /** The same data set with another split. */
    public D withSplits(SplitAssignment splits) {
        return with(new Reading(splits, converter, mapping));
    }
}
