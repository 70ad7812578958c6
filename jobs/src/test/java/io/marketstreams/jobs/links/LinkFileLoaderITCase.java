package io.marketstreams.jobs.links;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.jobs.core.linking.LinkChanges;
import io.marketstreams.schema.AvroCodec;
import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.LinkKind;
import io.marketstreams.schema.StreamTopic;
import io.marketstreams.schema.WireHeaders;
import io.marketstreams.testkit.EmbeddedKafka;
import io.marketstreams.testkit.TopicRecords;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The link file loader against a real Kafka broker. */
class LinkFileLoaderITCase {
    static EmbeddedKafka kafka;

    @TempDir Path dir;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() throws Exception {
        kafka.close();
    }

    static final String FILE =
            """
            # Fed December: Kalshi and Polymarket
            kind,venue_a,id_a,venue_b,id_b,relation,confidence,revision,action,note
            event,kalshi,KXFED-25DEC,polymarket,12345,,,1,,"Fed decision, December"
            market,kalshi,KXFED-25DEC-HOLD,polymarket,0xdef,COMPLEMENT,9000,2,,poly asks "cut"
            event,kalshi,KXCPI-25DEC,,,,,1,,pin
            market,kalshi,KXFED-25DEC-T4.00,polymarket,0xabc,SAME,,3,remove,wrong strike
            """;

    record Run(int exit, String out, String err) {}

    Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit =
                LinkFileLoader.run(
                        args,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8),
                        42L);
        return new Run(
                exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void writesEveryRowAsAKeyedLinkChangeWithThePlatformHeaders() throws Exception {
        Path file = Files.writeString(dir.resolve("links.csv"), FILE);
        Run r =
                run(
                        "--file",
                        file.toString(),
                        "--bootstrap-servers",
                        kafka.bootstrapServers(),
                        "--namespace",
                        "loaded",
                        "--effective-time",
                        "1767225600000");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.out())
                .contains("wrote 2 event links, 1 market relations, 1 removals to loaded.links");

        List<ConsumerRecord<byte[], byte[]>> records =
                TopicRecords.readAll(kafka.bootstrapServers(), "loaded.links");
        AvroCodec<LinkChange> codec = AvroCodec.forStream(StreamTopic.LINKS, LinkChange.class);
        List<String> keys = new ArrayList<>();
        List<LinkChange> values = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> rec : records) {
            long fingerprint =
                    WireHeaders.parseFingerprintHeader(
                            rec.headers().lastHeader(WireHeaders.SCHEMA_FINGERPRINT).value());
            assertThat(fingerprint).isEqualTo(codec.fingerprint());
            assertThat(rec.headers().lastHeader(WireHeaders.STREAM).value())
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("links");
            LinkChange value = codec.decode(rec.value(), fingerprint);
            keys.add(new String(rec.key(), StandardCharsets.UTF_8));
            values.add(value);
            assertThat(keys.get(keys.size() - 1)).isEqualTo(LinkChanges.key(value));
        }
        assertThat(keys)
                .containsExactly(
                        "EVENT|kalshi:KXFED-25DEC|polymarket:12345|CURATED",
                        "MARKET|kalshi:KXFED-25DEC-HOLD|polymarket:0xdef|CURATED",
                        "EVENT|kalshi:KXCPI-25DEC|kalshi:KXCPI-25DEC|CURATED",
                        "MARKET|kalshi:KXFED-25DEC-T4.00|polymarket:0xabc|CURATED");
        assertThat(values).allMatch(v -> v.getEffectiveTime() == 1_767_225_600_000L);
        LinkChange hold = values.get(1);
        assertThat(hold.getKind()).isEqualTo(LinkKind.MARKET);
        assertThat(hold.getConfidenceBp()).isEqualTo(9000);
        assertThat(hold.getRevision()).isEqualTo(2);
        assertThat(hold.getNote()).isEqualTo("poly asks \"cut\"");
        assertThat(hold.getRemoved()).isFalse();
        assertThat(values.get(3).getRemoved()).isTrue();
        assertThat(values.get(3).getRevision()).isEqualTo(3);
        assertThat(values.get(2).getIdB()).isNull();

        try (Admin admin = admin()) {
            var resource =
                    new org.apache.kafka.common.config.ConfigResource(
                            org.apache.kafka.common.config.ConfigResource.Type.TOPIC,
                            "loaded.links");
            String policy =
                    admin.describeConfigs(List.of(resource))
                            .all()
                            .get()
                            .get(resource)
                            .get(TopicConfig.CLEANUP_POLICY_CONFIG)
                            .value();
            assertThat(policy).isEqualTo("compact");
        }
    }

    @Test
    void aBadFileWritesNothingAndNamesTheLine() throws Exception {
        Path bad =
                Files.writeString(
                        dir.resolve("bad.csv"),
                        FILE + "market,kalshi,X,polymarket,0x9,OPPOSITE,,1,,\n");
        Run r =
                run(
                        "--file", bad.toString(),
                        "--bootstrap-servers", kafka.bootstrapServers(),
                        "--namespace", "rejected");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err().strip())
                .isEqualTo(bad + ":7: relation must be SAME or COMPLEMENT: OPPOSITE");
        assertThat(r.out()).isEmpty();
        // Validation comes before provisioning: not even the topic was created.
        try (Admin admin = admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("rejected.links");
        }
    }

    @Test
    void effectiveTimeDefaultsToNowAndRejectsGarbage() {
        assertThat(
                        LinkFileLoader.parse(
                                new String[] {"--file", "f", "--bootstrap-servers", "b"}, 7L))
                .isEqualTo(new LinkFileLoader.Options(Path.of("f"), "b", "", 7L));
        assertThat(
                        LinkFileLoader.parse(
                                        new String[] {
                                            "--file",
                                            "f",
                                            "--bootstrap-servers",
                                            "b",
                                            "--effective-time",
                                            "now"
                                        },
                                        9L)
                                .effectiveTime())
                .isEqualTo(9L);
        Run r = run("--file", "f", "--bootstrap-servers", "b", "--effective-time", "yesterday");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--effective-time must be epoch milliseconds or now");
        assertThat(run("--file", "f").exit()).isEqualTo(2);
    }

    static Admin admin() {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        return Admin.create(p);
    }
}
