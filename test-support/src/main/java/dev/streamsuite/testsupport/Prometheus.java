package dev.streamsuite.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a scrape of {@code /actuator/prometheus} (the text format). */
public final class Prometheus {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})? (\\S+)$");

    private Prometheus() {
    }

    /** The values of every sample of {@code name} whose labels contain all of {@code labels} ("k=\"v\""), NaN left out. */
    public static List<Double> values(String scrape, String name, String... labels) {
        List<Double> values = new ArrayList<>();
        for (String line : scrape.split("\n")) {
            Matcher m = SAMPLE.matcher(line.strip());
            if (!m.matches() || !m.group(1).equals(name) || m.group(4).equals("NaN")) {
                continue;
            }
            String tags = m.group(3) == null ? "" : m.group(3);
            boolean all = true;
            for (String label : labels) {
                all &= tags.contains(label);
            }
            if (all) {
                values.add(Double.parseDouble(m.group(4)));
            }
        }
        return values;
    }

    /** The sum of {@link #values}. */
    public static double sum(String scrape, String name, String... labels) {
        return values(scrape, name, labels).stream().mapToDouble(Double::doubleValue).sum();
    }
}
