package org.swarmsync.sync.internal.node;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** One synchronised folder (factory PID {@value FolderComponent#FACTORY_PID}). */
@ObjectClassDefinition(name = "swarmsync folder", description = "A folder kept in sync with the peers of its secret")
public @interface FolderConfig {

    @AttributeDefinition(name = "Id", description = "A short name for the shell and status; "
            + "empty: the first 8 hex digits of the share hash")
    String id() default "";

    @AttributeDefinition(name = "Path", description = "The local directory; created if missing")
    String path();

    @AttributeDefinition(name = "Secret", type = AttributeType.PASSWORD,
            description = "Read-write or read-only secret (swarmsync secret new makes one)")
    String secret();

    @AttributeDefinition(name = "Known hosts", description = "HOST:PORT of peers to dial besides what discovery finds; "
            + "in a .cfg file one line, comma-separated")
    String[] peers() default {};

    @AttributeDefinition(name = "Discovery sources",
            description = "Which discovery sources to use (tracker, lan, static, ...); * for all; "
            + "-NAME leaves one out; in a .cfg file one line, comma-separated")
    String[] discovery() default {"*"};

    @AttributeDefinition(name = "Rescan interval seconds", description = "Full rescan as a safety net for the watcher")
    int rescan_seconds() default 60;

    @AttributeDefinition(name = "Archive days", min = "0",
            description = "How long files replaced or deleted by peers stay in .sync/Archive; 0 keeps them for ever")
    int archive_days() default 30;
}
