package diandan.bench;

import java.util.Arrays;
import java.util.List;

/**
 * How much the benchmark measures; each a system property ({@code ./bench/run -Dbench.coldRuns=9}).
 *
 * @param coldRuns fresh JVMs per function and JVM option set (the median is reported)
 * @param warmCalls timed calls per route
 * @param warmUpCalls calls per route before timing
 * @param costCalls calls per route whose capacity is averaged
 * @param sweepTables table sizes (requests) the sweep is measured on
 * @param sweepDue requests due in each of those sweeps
 * @param catchUp due requests of the catch-up run
 * @param functions the functions whose cold starts alone are measured ({@code -Dbench.functions=NotifierFunction,...},
 *                  next to the baselines, into bench/target/cold-starts.md); empty: the whole benchmark
 */
record Settings(int coldRuns, int warmCalls, int warmUpCalls, int costCalls, List<Integer> sweepTables, int sweepDue,
                int catchUp, List<String> functions) {
    static Settings fromSystemProperties() {
        return new Settings(Integer.getInteger("bench.coldRuns", 7), Integer.getInteger("bench.warmCalls", 200),
                Integer.getInteger("bench.warmUpCalls", 100), Integer.getInteger("bench.costCalls", 20),
                Arrays.stream(System.getProperty("bench.sweepTables", "1000,10000,100000").split(","))
                        .map(String::trim).map(Integer::valueOf).toList(),
                Integer.getInteger("bench.sweepDue", 100), Integer.getInteger("bench.catchUp", 10_000),
                Arrays.stream(System.getProperty("bench.functions", "").split(",")).map(String::trim)
                        .filter(name -> !name.isEmpty()).toList());
    }
}
