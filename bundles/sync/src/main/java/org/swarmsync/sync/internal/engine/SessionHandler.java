package org.swarmsync.sync.internal.engine;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.swarmsync.api.discovery.PeerId;
import org.swarmsync.sync.internal.index.FolderIndex;
import org.swarmsync.sync.internal.model.FileEntry;
import org.swarmsync.sync.internal.model.RelativePath;
import org.swarmsync.sync.internal.protocol.BlockRequest;
import org.swarmsync.sync.internal.protocol.IndexUpdate;
import org.swarmsync.sync.internal.session.PeerInfo;
import org.swarmsync.sync.internal.session.PeerSession;
import org.swarmsync.sync.internal.session.SessionEnd;
import org.swarmsync.sync.internal.session.SessionListener;

/**
 * The engine's side of every session of the folder. Runs on the sessions' reader threads, so
 * it only records and hands off: index batches go into the index (the session validated
 * them), wants to the announcer, requests to the block server, and the puller is woken.
 */
final class SessionHandler implements SessionListener {

    private static final Logger LOG = LoggerFactory.getLogger(SessionHandler.class);

    private final PeerId self;
    private final FolderIndex index;
    private final PeerRegistry registry;
    private final IndexAnnouncer announcer;
    private final BlockServer server;
    private final Puller puller;
    private final Executor closer;
    private volatile boolean stopped;

    SessionHandler(PeerId self, FolderIndex index, PeerRegistry registry, IndexAnnouncer announcer, BlockServer server,
            Puller puller, Executor closer) {
        this.self = self;
        this.index = index;
        this.registry = registry;
        this.announcer = announcer;
        this.server = server;
        this.puller = puller;
        this.closer = closer;
    }

    /** From now on every session that authenticates is closed ("folder stopped"). */
    void stop() {
        stopped = true;
    }

    @Override
    public void onAuthenticated(PeerSession session, PeerInfo peer) {
        if (stopped) {
            session.close(FolderEngine.STOPPED);
            return;
        }
        if (peer.peer().equals(self)) {
            session.close("connected to ourselves");
            return;
        }
        if (peer.device() == index.localDevice()) {
            session.close("the peer uses our device id");
            return;
        }
        PeerRegistry.Registration registration = registry.register(session, peer);
        if (registration.toClose() != null) {
            PeerSession loser = registration.toClose();
            if (loser == session) {
                session.close(FolderEngine.DUPLICATE);
                return;
            }
            // Another reader thread owns that session: close it off this one.
            try {
                closer.execute(() -> loser.close(FolderEngine.DUPLICATE));
            } catch (RejectedExecutionException e) {
                loser.close(FolderEngine.DUPLICATE);
            }
        }
        LOG.debug("{} connected", registration.kept());
        try {
            session.want(index.remoteSequence(peer.device()));
        } catch (IOException e) {
            return; // ended meanwhile; onClosed follows
        }
        if (registration.kept().writer) {
            puller.wakeAll(); // what it announced before (kept in the index) counts again
        } else {
            puller.wakeRetry(); // a new source of blocks
        }
    }

    @Override
    public void onWant(PeerSession session, long since) {
        if (stopped) {
            return;
        }
        registry.link(session).ifPresent(link -> announcer.wanted(link, since));
    }

    @Override
    public void onIndex(PeerSession session, IndexUpdate update) {
        PeerLink link = registry.link(session).orElse(null);
        if (link == null || stopped) {
            return; // a duplicate on its way out, or the folder is stopping
        }
        List<RelativePath> paths = new ArrayList<>(update.files().size());
        for (FileEntry entry : update.files()) {
            index.putRemote(link.device(), entry);
            paths.add(entry.path());
        }
        // Remote entries and the highest sequence received commit together, so after a
        // crash we ask again from where the committed state ends; one commit a second at most.
        index.commitIfDue();
        registry.announced();
        if (link.writer) {
            puller.wake(paths);
        } else {
            puller.wakeRetry();
        }
    }

    @Override
    public void onRequest(PeerSession session, BlockRequest request) {
        if (stopped) {
            return; // the session is being closed, which answers for us
        }
        server.submit(session, request);
    }

    @Override
    public void onClosed(PeerSession session, SessionEnd end) {
        registry.remove(session).ifPresent(link -> LOG.debug("{} disconnected: {}", link, end));
        server.sessionEnded(session, end);
    }
}
