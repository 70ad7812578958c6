package io.marketstreams.jobs.core.linking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketstreams.schema.LinkChange;
import io.marketstreams.schema.LinkKind;
import io.marketstreams.schema.MarketRelationType;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The link file's {@code action} column and the records a file turns into. */
class CuratedLinksTest {
    static final String HEADER = "kind,venue_a,id_a,venue_b,id_b,relation,revision,action,note\n";

    @Test
    void removalRowsAreKeptApartFromAdds() {
        CuratedLinks links =
                CuratedLinks.parse(
                        "links.csv",
                        HEADER
                                + "event,kalshi,A,polymarket,1,,1,add,keep\n"
                                + "event,kalshi,B,polymarket,2,,3,remove,wrong event\n"
                                + "market,kalshi,A-M,polymarket,0x1,COMPLEMENT,2,REMOVE,\n"
                                + "market,kalshi,A-N,polymarket,0x2,SAME,,,\n");
        assertThat(links.eventLinks())
                .containsExactly(
                        new EventLink(
                                "polymarket", "1", "kalshi:A", 10_000, Provenance.CURATED, 1));
        assertThat(links.marketRelations())
                .extracting(MarketRelation::marketA)
                .containsExactly("kalshi:A-N");
        assertThat(links.removals()).isEqualTo(2);
        CuratedLinks.EventEntry removedEvent = links.eventEntries().get(1);
        assertThat(removedEvent.removed()).isTrue();
        assertThat(removedEvent.line()).isEqualTo(3);
        assertThat(removedEvent.note()).isEqualTo("wrong event");
        assertThat(removedEvent.link().revision()).isEqualTo(3);
        assertThat(links.marketEntries().get(0).removed()).isTrue();
        assertThat(links.marketEntries().get(0).note()).isNull();
    }

    @Test
    void changesAreTheRowsInFileOrderWithTheirRemovalFlag() {
        CuratedLinks links =
                CuratedLinks.parse(
                        "f",
                        HEADER
                                + "market,kalshi,A-M,polymarket,0x1,COMPLEMENT,2,remove,gone\n"
                                + "event,kalshi,A,polymarket,1,,1,,\n"
                                + "event,kalshi,P,,,,4,,pin\n");
        List<LinkChange> changes = links.changes(1_000L);
        assertThat(changes)
                .extracting(LinkChange::getKind, LinkChange::getRemoved, LinkChange::getRevision)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(LinkKind.MARKET, true, 2),
                        org.assertj.core.groups.Tuple.tuple(LinkKind.EVENT, false, 1),
                        org.assertj.core.groups.Tuple.tuple(LinkKind.EVENT, false, 4));
        assertThat(changes.get(0).getRelation()).isEqualTo(MarketRelationType.COMPLEMENT);
        assertThat(changes.get(0).getNote()).isEqualTo("gone");
        assertThat(changes).allMatch(c -> c.getEffectiveTime() == 1_000L);
        // The pin has no second side; the link converts back to what the file said.
        assertThat(changes.get(2).getVenueB()).isNull();
        assertThat(LinkChanges.eventLink(changes.get(2)).isPin()).isTrue();
        assertThat(LinkChanges.eventLink(changes.get(1))).isEqualTo(links.eventLinks().get(0));
    }

    @Test
    void quotesOpenACellOnlyAtItsStart() {
        CuratedLinks links =
                CuratedLinks.parse(
                        "f",
                        HEADER
                                + "market,kalshi,H,polymarket,0x1,COMPLEMENT,1,,"
                                + "poly asks \"will the Fed cut\"\n"
                                + "market,kalshi,I,polymarket,0x2,SAME,1,,\"a, \"\"b\"\"\"\n");
        assertThat(links.marketEntries())
                .extracting(CuratedLinks.MarketEntry::note)
                .containsExactly("poly asks \"will the Fed cut\"", "a, \"b\"");
    }

    @Test
    void badRemovalRowsNameFileAndLine() {
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "links.csv",
                                        HEADER + "event,kalshi,A,polymarket,1,,2,delete,\n"))
                .isInstanceOf(LinkFileException.class)
                .hasMessage("links.csv:2: action must be add or remove: delete");
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "f", HEADER + "event,kalshi,A,polymarket,1,,,remove,\n"))
                .hasMessage("f:2: a removal needs a revision above the add it withdraws (>= 2)");
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "f", HEADER + "event,kalshi,A,polymarket,1,,1,remove,\n"))
                .hasMessage("f:2: a removal needs a revision above the add it withdraws (>= 2)");
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "f",
                                        HEADER + "market,kalshi,M,polymarket,0x1,,2,remove,\n"))
                .hasMessage("f:2: missing relation");
        // An add and a removal of one link in one file: which wins would depend on row order.
        assertThatThrownBy(
                        () ->
                                CuratedLinks.parse(
                                        "f",
                                        HEADER
                                                + "market,kalshi,M,polymarket,0x1,SAME,1,,\n"
                                                + "market,polymarket,0x1,kalshi,M,SAME,2,remove,\n"))
                .hasMessage("f:3: duplicate link, first given at line 2");
    }
}
