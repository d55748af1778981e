package dev.streamsuite.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The root Dockerfile as instructions (comments dropped, continuation lines joined) grouped by stage. */
final class Dockerfile {

    record Instruction(String keyword, String arguments) {
    }

    record Stage(String name, String from, List<Instruction> instructions) {

        List<String> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        String one(String keyword) {
            List<String> found = all(keyword);
            if (found.size() != 1) {
                throw new AssertionError("stage " + name + ": expected one " + keyword + ", found " + found);
            }
            return found.get(0);
        }
    }

    /** ARGs declared before the first FROM, with their defaults. */
    final Map<String, String> globalArgs = new TreeMap<>();
    final List<Stage> stages = new ArrayList<>();

    static Dockerfile read() {
        return parse(Repo.read("Dockerfile"));
    }

    static Dockerfile parse(String text) {
        Dockerfile dockerfile = new Dockerfile();
        StringBuilder logical = new StringBuilder();
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;  // a comment, also between continuation lines, as Docker's parser does
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            if (!logical.toString().isBlank()) {
                lines.add(logical.toString().strip());
            }
            logical.setLength(0);
        }
        Stage stage = null;
        Pattern from = Pattern.compile("(?i)(\\S+)(?:\\s+AS\\s+(\\S+))?");
        for (String line : lines) {
            int space = line.indexOf(' ');
            String keyword = (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
            String arguments = space < 0 ? "" : line.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                Matcher m = from.matcher(arguments);
                if (!m.matches()) {
                    throw new AssertionError("FROM " + arguments);
                }
                String image = m.group(1);
                Matcher arg = Pattern.compile("\\$\\{(\\w+)}").matcher(image);
                if (arg.matches() && dockerfile.globalArgs.containsKey(arg.group(1))) {
                    image = dockerfile.globalArgs.get(arg.group(1));
                }
                stage = new Stage(m.group(2), image, new ArrayList<>());
                dockerfile.stages.add(stage);
            } else if (stage == null) {
                if (!keyword.equals("ARG")) {
                    throw new AssertionError("only ARG may come before the first FROM, found " + line);
                }
                int eq = arguments.indexOf('=');
                dockerfile.globalArgs.put(eq < 0 ? arguments : arguments.substring(0, eq), eq < 0 ? null : arguments.substring(eq + 1));
            } else {
                stage.instructions().add(new Instruction(keyword, arguments));
            }
        }
        return dockerfile;
    }

    Stage stage(String name) {
        return stages.stream().filter(s -> name.equals(s.name())).findFirst()
                .orElseThrow(() -> new AssertionError("Dockerfile has no stage '" + name + "'"));
    }

    Stage last() {
        return stages.get(stages.size() - 1);
    }

    /** The stage and its ancestors (FROM another stage), nearest first. */
    List<Stage> lineage(String name) {
        List<Stage> chain = new ArrayList<>();
        Stage current = stage(name);
        while (current != null) {
            chain.add(current);
            String parent = current.from();
            current = stages.stream().filter(s -> parent.equals(s.name())).findFirst().orElse(null);
        }
        return chain;
    }

    /** The instructions of a keyword in the stage or inherited from the stages it is built FROM. */
    List<String> effective(String stage, String keyword) {
        List<String> found = new ArrayList<>();
        for (Stage s : lineage(stage)) {
            found.addAll(0, s.all(keyword));
        }
        return found;
    }
}
