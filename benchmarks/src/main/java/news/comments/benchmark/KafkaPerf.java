package news.comments.benchmark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka's own ProducerPerformance and ConsumerPerformance (kafka-tools, the broker's version), each in
 * a child JVM with this harness's class path, against the same broker.
 */
final class KafkaPerf {

    record Run(double recordsPerSecond, String output) {}

    private static final Pattern PRODUCED = Pattern.compile("records sent, ([\\d.]+) records/sec");

    private KafkaPerf() {}

    static Run produce(String bootstrap, String topic, int records, int recordSize) {
        String output = java(
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic",
                topic,
                "--num-records",
                Integer.toString(records),
                "--record-size",
                Integer.toString(recordSize),
                "--throughput",
                "-1",
                "--producer-props",
                "bootstrap.servers=" + bootstrap,
                "acks=all");
        // Progress lines come first; the summary is the last match.
        String rate = null;
        for (Matcher m = PRODUCED.matcher(output); m.find(); ) {
            rate = m.group(1);
        }
        if (rate == null) {
            throw new IllegalStateException("ProducerPerformance printed no result:\n" + output);
        }
        return new Run(Double.parseDouble(rate), lastLine(output));
    }

    /** fetch.nMsg.sec: the consume rate without the group join, the fairest raw figure. */
    static Run consume(String bootstrap, String topic, int records) {
        String output = java(
                "org.apache.kafka.tools.ConsumerPerformance",
                "--bootstrap-server",
                bootstrap,
                "--topic",
                topic,
                "--messages",
                Integer.toString(records),
                "--timeout",
                "60000");
        String[] lines = output.strip().split("\n");
        for (int i = 0; i < lines.length - 1; i++) {
            if (lines[i].startsWith("start.time")) {
                List<String> names =
                        Arrays.stream(lines[i].split(",")).map(String::trim).toList();
                String[] values = lines[i + 1].split(",");
                return new Run(
                        Double.parseDouble(values[names.indexOf("fetch.nMsg.sec")].trim()),
                        lines[i] + "\n" + lines[i + 1]);
            }
        }
        throw new IllegalStateException("ConsumerPerformance printed no result:\n" + output);
    }

    private static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private static String java(String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-Xmx512m",
                "-cp",
                System.getProperty("java.class.path"),
                mainClass));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IllegalStateException(mainClass + " failed:\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
