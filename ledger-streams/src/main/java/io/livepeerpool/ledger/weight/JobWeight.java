package io.livepeerpool.ledger.weight;

import io.livepeerpool.ledger.event.TranscoderJob;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The weight formula: {@code pixelsCoef*pixels + durationMsCoef*durationMs + profilesCoef*profiles}, in BigInteger.
 *
 * <p>Why the defaults (1, 5,000, 2,500,000): take a typical job, a 2 s segment transcoded to 240p, 360p and 720p at
 * 30 fps. It outputs 2 * 30 * (426*240 + 640*360 + 1280*720) = 75,254,400 pixels, its duration adds
 * 5,000 * 2,000 ms = 10,000,000 and its three profiles 3 * 2,500,000 = 7,500,000: 92,754,400 in all, about 81% from
 * pixels, 11% from duration and 8% from profiles. Pixels dominate because they are what broadcasters pay for
 * (Livepeer prices transcoding in wei per pixel). Duration pays for the per-second cost that does not scale with
 * output pixels (decoding the source, moving the segment). Profiles pay for the fixed set-up cost of each rendition,
 * which makes many small renditions worth a little more than their pixel count alone.
 */
public record JobWeight(BigInteger pixelsCoef, BigInteger durationMsCoef, BigInteger profilesCoef) {

    public static final JobWeight DEFAULT = new JobWeight(
            BigInteger.ONE, BigInteger.valueOf(5_000), BigInteger.valueOf(2_500_000));

    public JobWeight {
        requireNonNegative(pixelsCoef, "pixelsCoef");
        requireNonNegative(durationMsCoef, "durationMsCoef");
        requireNonNegative(profilesCoef, "profilesCoef");
        if (pixelsCoef.signum() == 0 && durationMsCoef.signum() == 0 && profilesCoef.signum() == 0) {
            // Every weight would be 0 and all revenue would carry for ever.
            throw new IllegalArgumentException("at least one weight coefficient must be > 0");
        }
    }

    public BigInteger of(TranscoderJob job) {
        return of(job.pixels(), job.durationMs(), job.profiles());
    }

    public BigInteger of(long pixels, long durationMs, long profiles) {
        return pixelsCoef.multiply(BigInteger.valueOf(pixels))
                .add(durationMsCoef.multiply(BigInteger.valueOf(durationMs)))
                .add(profilesCoef.multiply(BigInteger.valueOf(profiles)));
    }

    private static void requireNonNegative(BigInteger value, String name) {
        Objects.requireNonNull(value, name);
        if (value.signum() < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
    }
}
