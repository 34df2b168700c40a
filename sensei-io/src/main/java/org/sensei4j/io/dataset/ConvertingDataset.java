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

    /** The converter of stored values; null where the data set's own default applies. */
    final DigitalNumberConverter converter;

    /** The code mapping of the masks; null where the data set chooses one per scene. */
    final ClassCodeMapping mapping;

    ConvertingDataset(
            String name,
            Path root,
            ClassScheme scheme,
            List<String> sceneIds,
            SplitAssignment splits,
            DigitalNumberConverter converter,
            ClassCodeMapping mapping) {
        super(name, root, scheme, sceneIds, splits);
        this.converter = converter;
        this.mapping = mapping;
    }

    /** This data set with the given split, converter and mapping, the rest as it is. */
    abstract D with(SplitAssignment splits, DigitalNumberConverter converter, ClassCodeMapping mapping);

    /** The same data set with another converter of stored values (e.g. for data that is not the usual DNs). */
    public D withConverter(DigitalNumberConverter newConverter) {
        return with(splits(), Objects.requireNonNull(newConverter), mapping);
    }

    /**
     * The same data set reading every mask with another code mapping (e.g. {@code "clear=0;cloud=1"}), also where
     * it would choose the coding per scene.
     */
    public D withMapping(ClassCodeMapping newMapping) {
        return with(splits(), converter, Objects.requireNonNull(newMapping));
    }

    /** The same data set with another split. */
    public D withSplits(SplitAssignment splits) {
        return with(splits, converter, mapping);
    }
}
