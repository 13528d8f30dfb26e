package org.swarmsync.cli.internal;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.swarmsync.api.command.LauncherCommand;
import org.swarmsync.api.secrets.InvalidSecretException;
import org.swarmsync.api.secrets.Secret;
import org.swarmsync.api.secrets.SecretService;

/** {@code secret new} and {@code secret info [--json] SECRET}. */
@Component(property = {
        LauncherCommand.NAME + "=secret",
        LauncherCommand.SUMMARY + "=secret new | secret info [--json] SECRET: make or inspect a folder secret"
})
public final class SecretCommand implements LauncherCommand {

    static final String USAGE_LINE = "usage: swarmsync secret new | swarmsync secret info [--json] SECRET";

    private final SecretService secrets;

    @Activate
    public SecretCommand(@Reference SecretService secrets) {
        this.secrets = secrets;
    }

    @Override
    public int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
        try {
            List<String> rest = new ArrayList<>(Arrays.asList(args));
            if (rest.isEmpty()) {
                throw new UsageException("missing subcommand; " + USAGE_LINE);
            }
            String verb = rest.remove(0);
            switch (verb) {
                case "new" -> generate(rest, out);
                case "info" -> info(rest, out);
                // The word is not echoed: a user who forgot "info" typed a secret here.
                default -> throw new UsageException("unknown subcommand, expected 'new' or 'info'; " + USAGE_LINE);
            }
            return OK;
        } catch (UsageException e) {
            err.println("swarmsync secret: " + e.getMessage());
            return USAGE;
        } catch (InvalidSecretException e) {
            err.println("swarmsync secret: invalid secret: " + e.getMessage());
            return USAGE;
        }
    }

    private void generate(List<String> args, PrintStream out) throws UsageException {
        if (!args.isEmpty()) {
            throw new UsageException("'secret new' takes no arguments; " + USAGE_LINE);
        }
        out.println(secrets.generate().text());
    }

    private void info(List<String> args, PrintStream out) throws UsageException {
        boolean json = args.remove("--json");
        for (String arg : args) {
            if (arg.startsWith("--")) {
                throw new UsageException("unknown option '" + arg + "'; " + USAGE_LINE);
            }
        }
        if (args.size() != 1) {
            throw new UsageException((args.isEmpty() ? "missing SECRET" : "expected one SECRET, got " + args.size())
                    + "; " + USAGE_LINE);
        }
        Secret secret = secrets.parse(args.get(0));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("access", secret.access().label());
        facts.put("readOnly", secret.readOnly().text());
        facts.put("shareHash", secret.shareHash().hex());
        if (json) {
            out.println(Json.object(facts));
        } else {
            out.println("access:     " + facts.get("access"));
            out.println("read-only:  " + facts.get("readOnly"));
            out.println("share hash: " + facts.get("shareHash"));
        }
    }
}
