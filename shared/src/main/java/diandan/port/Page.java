package diandan.port;

import java.util.List;
import java.util.function.Function;

/** One page of a list and the opaque cursor of the next, null at the end. */
public record Page<T>(List<T> items, String nextCursor) {
    public <R> Page<R> map(Function<T, R> mapper) {
        return new Page<>(items.stream().map(mapper).toList(), nextCursor);
    }
}
