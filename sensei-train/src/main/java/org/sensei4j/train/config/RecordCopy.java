package org.sensei4j.train.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;

/**
 * Copies of a record with some of its components changed, for the {@code withX} methods of the config records:
 * they name the components they change instead of repeating the whole constructor argument list. The copy is
 * made by the canonical constructor, so it runs the record's checks and normalisation as {@code new} does and
 * throws what the constructor throws.
 */
public final class RecordCopy {

    private RecordCopy() {}

    /**
     * {@code record} with the components named in {@code namesAndValues} (name, value, name, value, ...) set to
     * the values that follow them, and every other component as it is.
     *
     * @throws IllegalArgumentException for a name that is not a component of the record, or a value of the wrong
     *     type (programming errors)
     */
    @SuppressWarnings("unchecked")
    public static <R extends Record> R with(R record, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("give names and values in pairs, got " + namesAndValues.length);
        }
        RecordComponent[] components = record.getClass().getRecordComponents();
        Class<?>[] types = new Class<?>[components.length];
        Object[] values = new Object[components.length];
        for (int i = 0; i < components.length; i++) {
            RecordComponent c = components[i];
            types[i] = c.getType();
            values[i] = call(() -> c.getAccessor().invoke(record));
        }
        for (int k = 0; k < namesAndValues.length; k += 2) {
            values[indexOf(record.getClass(), components, namesAndValues[k])] = namesAndValues[k + 1];
        }
        Constructor<?> canonical = call(() -> record.getClass().getDeclaredConstructor(types));
        return (R) call(() -> canonical.newInstance(values));
    }

    private static int indexOf(Class<?> type, RecordComponent[] components, Object name) {
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException(name + " is not a component of " + type.getSimpleName());
    }

    private interface Reflective<T> {
        T call() throws ReflectiveOperationException;
    }

    /** Runs a reflective call, throwing what the called method threw as it is. */
    private static <T> T call(Reflective<T> reflective) {
        try {
            return reflective.call();
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
