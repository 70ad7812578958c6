package io.marketstreams.connectors.venue;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketstreams.connectors.raw.ParsedFrame;
import io.marketstreams.connectors.raw.RawFrame;
import io.marketstreams.schema.venue.MarketInfo;
import io.marketstreams.schema.venue.MarketStatus;
import io.marketstreams.schema.venue.Resolution;
import io.marketstreams.schema.venue.VenueMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code venue_status} values a frame carries once its venue's parser has read it. Public for
 * the simulator module's test that its lifecycle traffic uses only tabled statuses (it reads this
 * module's test-jar).
 */
public final class VenueStatusesOf {
    private VenueStatusesOf() {}

    /**
     * The statuses of the frame's market info, market status and resolution messages, in order.
     * Fails the calling test when the parser rejects the frame.
     */
    public static List<String> frame(RawFrame frame) {
        ParsedFrame parsed = Venues.require(frame.venueId()).parser().parse(frame);
        assertThat(parsed).as(frame.toString()).isNotInstanceOf(ParsedFrame.Rejected.class);
        List<String> statuses = new ArrayList<>();
        if (parsed instanceof ParsedFrame.Messages messages) {
            for (VenueMessage message : messages.messages()) {
                Object payload = message.getPayload();
                String status = null;
                if (payload instanceof MarketInfo info) {
                    status = info.getVenueStatus();
                } else if (payload instanceof MarketStatus s) {
                    status = s.getVenueStatus();
                } else if (payload instanceof Resolution r) {
                    status = r.getVenueStatus();
                }
                if (status != null) {
                    statuses.add(status);
                }
            }
        }
        return statuses;
    }
}
