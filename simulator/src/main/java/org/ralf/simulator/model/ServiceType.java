package org.ralf.simulator.model;

import java.util.List;
import java.util.Locale;

/**
 * The catalogue of services a guest can run: their resource profile, health-check port and the log
 * lines they write. Placeholders in templates ({@code {ip}}, {@code {ms}}, {@code {user}}, {@code
 * {path}}, {@code {n}}, {@code {id}}) are filled from the service's random stream.
 */
public enum ServiceType {
    JELLYFIN(
            "jellyfin",
            8096,
            0.30,
            900,
            0.8,
            2.0,
            List.of(
                    "[INF] Main: Playback start: user={user} item={id} client=Jellyfin Web",
                    "[INF] Emby.Server.Implementations.HttpServer.WebSocketManager: WS {ip} request",
                    "[INF] MediaBrowser.MediaEncoding.Transcoding.TranscodeManager: ffmpeg transcode"
                            + " job {id} finished in {ms} ms",
                    "[INF] Emby.Server.Implementations.ScheduledTasks.TaskManager: Scan Media"
                            + " Library Completed after 0 minute(s) and {n} seconds"),
            List.of(
                    "[ERR] Main: Unhandled exception: System.IO.IOException: Input/output error",
                    "[ERR] MediaBrowser.MediaEncoding.Transcoding.TranscodeManager: FFmpeg exited"
                            + " with code 1")),
    GITEA(
            "gitea",
            3000,
            0.08,
            250,
            0.5,
            1.0,
            List.of(
                    "router: completed GET /{user}/{path} for {ip}:0, 200 OK in {ms}.0ms",
                    "router: completed POST /api/v1/repos/{user}/{path}/hooks for {ip}:0, 201"
                            + " Created in {ms}.0ms",
                    "ssh: Accepted publickey for {user} from {ip} port {n}"),
            List.of(
                    "router: completed GET /{user}/{path} for {ip}:0, 500 Internal Server Error in"
                            + " {ms}.0ms",
                    "models/repo.go: GetRepositoryByName: database is locked")),
    VAULTWARDEN(
            "vaultwarden",
            8080,
            0.02,
            60,
            0.6,
            0.8,
            List.of(
                    "[INFO] [request] POST /identity/connect/token from {ip}",
                    "[INFO] [response] GET /api/sync => 200 OK ({ms} ms)",
                    "[INFO] [vaultwarden::api::notifications] Accepting Websocket connection from"
                            + " {ip}"),
            List.of(
                    "[ERROR] [vaultwarden::db] Error getting database connection: timed out",
                    "[ERROR] [vaultwarden::api::core] Username or password is incorrect. Try"
                            + " again. IP: {ip}")),
    POSTGRESQL(
            "postgresql",
            5432,
            0.15,
            600,
            0.4,
            1.5,
            List.of(
                    "LOG:  checkpoint starting: time",
                    "LOG:  checkpoint complete: wrote {n} buffers (0.{n}%); write={ms}.{n} s",
                    "LOG:  connection authorized: user={user} database=app application_name=psql",
                    "LOG:  duration: {ms}.{n} ms  statement: SELECT * FROM items WHERE id = {id}"),
            List.of(
                    "FATAL:  remaining connection slots are reserved for non-replication superuser"
                            + " connections",
                    "ERROR:  could not serialize access due to concurrent update")),
    NGINX(
            "nginx",
            80,
            0.03,
            40,
            0.7,
            4.0,
            List.of(
                    "{ip} - - \"GET /{path} HTTP/1.1\" 200 {n} \"-\" \"Mozilla/5.0\"",
                    "{ip} - - \"GET /static/{path}.js HTTP/1.1\" 304 0 \"-\" \"Mozilla/5.0\"",
                    "{ip} - {user} \"POST /api/{path} HTTP/2.0\" 201 {n} \"-\" \"curl/8.5.0\""),
            List.of(
                    "[error] {n}#0: *{id} connect() failed (111: Connection refused) while"
                            + " connecting to upstream, client: {ip}",
                    "[error] {n}#0: *{id} upstream timed out (110: Connection timed out) while"
                            + " reading response header from upstream, client: {ip}")),
    HOME_ASSISTANT(
            "home-assistant",
            8123,
            0.10,
            450,
            0.3,
            1.2,
            List.of(
                    "INFO (MainThread) [homeassistant.components.automation.lights] Running"
                            + " automation actions",
                    "INFO (MainThread) [homeassistant.components.mqtt] Received message on"
                            + " sensors/{id}/state",
                    "INFO (Recorder) [homeassistant.components.recorder] Committed {n} states"),
            List.of(
                    "ERROR (MainThread) [homeassistant.components.zha] Device {id} unavailable",
                    "ERROR (Recorder) [homeassistant.components.recorder.core] Error executing"
                            + " query: database disk image is malformed")),
    PIHOLE(
            "pihole-FTL",
            53,
            0.02,
            80,
            0.6,
            3.0,
            List.of(
                    "query[A] {path}.example.com from {ip}",
                    "forwarded {path}.example.com to 1.1.1.1",
                    "reply {path}.example.com is {ip}",
                    "gravity blocked ads.{path}.net is 0.0.0.0"),
            List.of(
                    "WARNING: Connection error (1.1.1.1#53): TCP connection failed (Connection"
                            + " refused)",
                    "ERROR: SQLite3: database is locked in dbquery()")),
    PROXMOX_BACKUP(
            "proxmox-backup-proxy",
            8007,
            0.20,
            500,
            0.2,
            0.6,
            List.of(
                    "starting new backup on datastore 'tank' from {ip}: \"vm/{id}/2026-01-05\"",
                    "Upload statistics for 'drive-scsi0.img.fidx'",
                    "backup finished successfully",
                    "GC: Removed garbage: {n} MiB"),
            List.of(
                    "backup failed: connection error: Connection reset by peer",
                    "TASK ERROR: unable to acquire lock on backup group"));

    private final String process;
    private final int port;
    private final double cpuCores;
    private final long memoryBytes;
    private final double diurnalAmplitude;
    private final double logLinesPerMinute;
    private final List<String> normalLines;
    private final List<String> errorLines;

    ServiceType(
            String process,
            int port,
            double cpuCores,
            int memoryMiB,
            double diurnalAmplitude,
            double logLinesPerMinute,
            List<String> normalLines,
            List<String> errorLines) {
        this.process = process;
        this.port = port;
        this.cpuCores = cpuCores;
        this.memoryBytes = (long) memoryMiB << 20;
        this.diurnalAmplitude = diurnalAmplitude;
        this.logLinesPerMinute = logLinesPerMinute;
        this.normalLines = normalLines;
        this.errorLines = errorLines;
    }

    /** The YAML and entity name, such as {@code jellyfin} or {@code home-assistant}. */
    public String serviceName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Process / syslog APP-NAME. */
    public String process() {
        return process;
    }

    /** Port of the health check. */
    public int port() {
        return port;
    }

    /** Mean CPU use at the daily average, in cores. */
    public double cpuCores() {
        return cpuCores;
    }

    /** Resident memory at rest. */
    public long memoryBytes() {
        return memoryBytes;
    }

    /** Relative amplitude of the daily load cycle (0 = flat). */
    public double diurnalAmplitude() {
        return diurnalAmplitude;
    }

    /** Mean number of normal log lines per simulated minute at the daily average. */
    public double logLinesPerMinute() {
        return logLinesPerMinute;
    }

    /** Templates of normal chatter. */
    public List<String> normalLines() {
        return normalLines;
    }

    /** Templates of error lines (rare at baseline, frequent under faults). */
    public List<String> errorLines() {
        return errorLines;
    }

    /**
     * The service type of a YAML name.
     *
     * @throws IllegalArgumentException naming the known services if there is none
     */
    public static ServiceType fromName(String name) {
        for (ServiceType t : values()) {
            if (t.serviceName().equals(name)) {
                return t;
            }
        }
        StringBuilder known = new StringBuilder();
        for (ServiceType t : values()) {
            known.append(known.isEmpty() ? "" : ", ").append(t.serviceName());
        }
        throw new IllegalArgumentException("unknown service '" + name + "' (known: " + known + ")");
    }
}
