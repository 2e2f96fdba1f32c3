package org.radarbeam.composite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.radarbeam.composite.SlotMatcher.Candidate;
import org.radarbeam.composite.SlotMatcher.Result;
import org.radarbeam.composite.SlotMatcher.Settings;
import org.radarbeam.composite.SlotMatcher.Slot;

/** imeteo-radar's latest-mode matching: outages, the core check and the three passes. */
class SlotMatcherTest {
  static final Instant NOW = Instant.parse("2025-11-17T15:00:00Z");
  /** imeteo-radar's defaults: ±2 min, 30 min, 3 core sources, 6 windows, ARSO optional. */
  static final Settings DEFAULTS = CompositeSettings.defaults().matching(6);
  static final List<String> CORES = List.of("dwd", "shmu", "chmi", "omsz", "imgw");
  static final List<String> ALL = List.of("dwd", "shmu", "chmi", "omsz", "imgw", "arso");

  /** HH:MM on the test day, in Unix seconds. */
  static long at(String hhmm) {
    return LocalTime.parse(hhmm).atDate(NOW.atZone(ZoneOffset.UTC).toLocalDate()).toEpochSecond(ZoneOffset.UTC);
  }

  /** Frames of {@code source} at the given times; a URI names its source and time. */
  static List<Candidate> frames(String source, String... hhmm) {
    List<Candidate> out = new ArrayList<>();
    for (String t : hhmm) {
      out.add(new Candidate(source, at(t), source + "/" + t));
    }
    return out;
  }

  static List<Candidate> aligned(List<String> sources, String... hhmm) {
    List<Candidate> out = new ArrayList<>();
    sources.forEach(s -> out.addAll(frames(s, hhmm)));
    return out;
  }

  static Result latest(List<String> requested, List<Candidate> listed) {
    return SlotMatcher.latest(requested, listed, DEFAULTS, NOW);
  }

  /** Each slot as "time: member URIs" (members sorted by source id), newest first. */
  static List<String> slots(Result r) {
    return r.slots().stream().map(SlotMatcherTest::describe).toList();
  }

  static String describe(Slot s) {
    String time = LocalTime.ofInstant(s.time(), ZoneOffset.UTC).toString();
    return time + ": " + String.join(" ", s.members().values().stream().map(Candidate::uri).toList());
  }

  @Test
  void allAlignedGivesSlotsNewestFirstCappedAtMaxSlots() {
    List<Candidate> listed = aligned(ALL, "14:15", "14:20", "14:25", "14:30", "14:35", "14:40", "14:45", "14:50",
        "14:55");
    Result r = latest(ALL, listed);
    List<String> times = r.slots().stream().map(s -> LocalTime.ofInstant(s.time(), ZoneOffset.UTC).toString())
        .toList();
    assertEquals(List.of("14:55", "14:50", "14:45", "14:40", "14:35", "14:30"), times);
    assertEquals("14:55: arso/14:55 chmi/14:55 dwd/14:55 imgw/14:55 omsz/14:55 shmu/14:55", slots(r).get(0));
    assertEquals(5, r.slots().get(0).coreCount(DEFAULTS));
    assertEquals(Map.of(), r.outages());
    assertEquals(Set.of(), r.dropped());
    assertNull(r.reason());

    Settings two = new Settings(Duration.ofMinutes(2), Duration.ofMinutes(30), 3, 2, Set.of("arso"));
    Result capped = SlotMatcher.latest(ALL, listed, two, NOW);
    assertEquals(2, capped.slots().size());
    assertEquals(at("14:50"), capped.slots().get(1).epochSeconds());
  }

  @Test
  void twoMinutesOffJoinsTheWindowsOnBothSides() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "chmi"), "14:50");
    listed.addAll(frames("omsz", "14:52"));
    Result r = latest(List.of("dwd", "shmu", "chmi", "omsz"), listed);
    // 14:52 opens its own window, which the 14:50 frames reach: tolerance is inclusive.
    assertEquals(List.of("14:52: chmi/14:50 dwd/14:50 omsz/14:52 shmu/14:50",
        "14:50: chmi/14:50 dwd/14:50 omsz/14:52 shmu/14:50"), slots(r));
  }

  @Test
  void threeMinutesOffStaysOutAndPassThreeSettlesForTheCoreMinimum() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "chmi"), "14:50");
    listed.addAll(frames("omsz", "14:53"));
    Result r = latest(List.of("dwd", "shmu", "chmi", "omsz"), listed);
    // Pass 1 needs all 4 and fails; there is no optional source, so pass 3 accepts 3 of 4.
    assertEquals(List.of("14:50: chmi/14:50 dwd/14:50 shmu/14:50"), slots(r));
    assertEquals(Set.of(), r.dropped());
    assertNull(r.reason());
  }

  @Test
  void tiePicksTheNewerFrame() {
    List<Candidate> listed = aligned(List.of("shmu", "chmi"), "14:50");
    listed.addAll(frames("dwd", "14:48", "14:52"));
    Result r = latest(List.of("dwd", "shmu", "chmi"), listed);
    assertEquals(List.of("14:52: chmi/14:50 dwd/14:52 shmu/14:50",
        "14:50: chmi/14:50 dwd/14:52 shmu/14:50",
        "14:48: chmi/14:50 dwd/14:48 shmu/14:50"), slots(r));
  }

  @Test
  void staleAndEmptySourcesAreOutagesAndDoNotBlock() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "chmi"), "14:50", "14:55");
    listed.addAll(frames("imgw", "14:10", "14:20"));
    Result r = latest(CORES, listed);
    assertEquals(Map.of("imgw", "newest frame 2025-11-17T14:20:00Z is older than PT30M", "omsz", "no frames"),
        r.outages());
    assertEquals(List.of("14:55: chmi/14:55 dwd/14:55 shmu/14:55", "14:50: chmi/14:50 dwd/14:50 shmu/14:50"),
        slots(r));
  }

  @Test
  void aFrameExactlyMaxDataAgeOldIsStillAvailable() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "chmi"), "14:30");
    Result r = latest(List.of("dwd", "shmu", "chmi"), listed);
    assertEquals(Map.of(), r.outages());
    assertEquals(List.of("14:30: chmi/14:30 dwd/14:30 shmu/14:30"), slots(r));
  }

  @Test
  void arsoWithoutPartnerIsDroppedInPassTwo() {
    List<Candidate> listed = aligned(CORES, "14:45", "14:50", "14:55");
    listed.addAll(frames("arso", "14:37"));
    Result r = latest(ALL, listed);
    assertEquals(List.of("14:55: chmi/14:55 dwd/14:55 imgw/14:55 omsz/14:55 shmu/14:55",
        "14:50: chmi/14:50 dwd/14:50 imgw/14:50 omsz/14:50 shmu/14:50",
        "14:45: chmi/14:45 dwd/14:45 imgw/14:45 omsz/14:45 shmu/14:45"), slots(r));
    assertEquals(Set.of("arso"), r.dropped());
    assertEquals(Map.of(), r.outages());
  }

  @Test
  void arsoNeverHoldsTheWindowsItMissesBack() {
    // imeteo's pass 1 would take only the windows ARSO reaches (14:45, 14:44) and never try the newer
    // ones; here the windows of all the cores are taken too, ARSO joining where it reaches.
    List<Candidate> listed = aligned(CORES, "14:45", "14:50", "14:55");
    listed.addAll(frames("arso", "14:44"));
    Result r = latest(ALL, listed);
    assertEquals(List.of("14:55: chmi/14:55 dwd/14:55 imgw/14:55 omsz/14:55 shmu/14:55",
        "14:50: chmi/14:50 dwd/14:50 imgw/14:50 omsz/14:50 shmu/14:50",
        "14:45: arso/14:44 chmi/14:45 dwd/14:45 imgw/14:45 omsz/14:45 shmu/14:45",
        "14:44: arso/14:44 chmi/14:45 dwd/14:45 imgw/14:45 omsz/14:45 shmu/14:45"), slots(r));
    assertEquals(Set.of(), r.dropped());
  }

  @Test
  void arsoEveryTenMinutesJoinsItsSlotsAndTheNewestAreKept() {
    // ARSO at :x0 only, the cores every 5 minutes; at most 3 slots: the newest 3 windows of the cores,
    // ARSO in those it reaches.
    List<Candidate> listed = aligned(CORES, "14:35", "14:40", "14:45", "14:50", "14:55");
    listed.addAll(frames("arso", "14:50", "14:40"));
    Settings three = new Settings(DEFAULTS.tolerance(), DEFAULTS.maxDataAge(), DEFAULTS.minCoreSources(), 3,
        DEFAULTS.optionalSources());
    Result r = SlotMatcher.latest(ALL, listed, three, NOW);
    assertEquals(List.of("14:55: chmi/14:55 dwd/14:55 imgw/14:55 omsz/14:55 shmu/14:55",
        "14:50: arso/14:50 chmi/14:50 dwd/14:50 imgw/14:50 omsz/14:50 shmu/14:50",
        "14:45: chmi/14:45 dwd/14:45 imgw/14:45 omsz/14:45 shmu/14:45"), slots(r));
    assertEquals(Set.of(), r.dropped());
  }

  @Test
  void passThreeAfterArsoWasDropped() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "chmi"), "14:50");
    listed.addAll(frames("omsz", "14:40"));
    listed.addAll(frames("imgw", "14:45"));
    listed.addAll(frames("arso", "14:35"));
    Result r = latest(ALL, listed);
    // Pass 2 needs min(max(3, 6 - 1), 5) = 5 of the cores and fails; pass 3 takes 3, still without ARSO.
    assertEquals(List.of("14:50: chmi/14:50 dwd/14:50 shmu/14:50"), slots(r));
    assertEquals(Set.of("arso"), r.dropped());
    assertEquals(3, r.slots().get(0).coreCount(DEFAULTS));
  }

  /** Pass 3 counts core sources: a window that only ARSO makes cannot be merged and takes no slot. */
  @Test
  void passThreeTakesNoWindowOfTheOptionalSourceAlone() {
    Settings one = new Settings(Duration.ofMinutes(2), Duration.ofMinutes(30), 1, 1, Set.of("arso"));
    List<Candidate> listed = new ArrayList<>(frames("dwd", "14:50", "14:55"));
    listed.addAll(frames("arso", "15:00"));
    Result r = SlotMatcher.latest(List.of("dwd", "arso"), listed, one, NOW);
    assertEquals(List.of("14:55: dwd/14:55"), slots(r));
    assertEquals(1, r.slots().get(0).coreCount(one));
  }

  @Test
  void fewerCoreSourcesThanTheMinimumGiveNoSlots() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "arso"), "14:50");
    listed.addAll(frames("chmi", "14:00"));
    Result r = latest(List.of("dwd", "shmu", "chmi", "arso"), listed);
    assertEquals(List.of(), r.slots());
    assertEquals("only 2 core sources available (dwd, shmu), need 3", r.reason());
    assertEquals(Set.of("chmi"), r.outages().keySet());
  }

  @Test
  void noWindowInAnyPassGivesAReason() {
    List<Candidate> listed = new ArrayList<>(frames("dwd", "14:50"));
    listed.addAll(frames("shmu", "14:45"));
    listed.addAll(frames("chmi", "14:40"));
    Result r = latest(List.of("dwd", "shmu", "chmi"), listed);
    assertEquals(List.of(), r.slots());
    assertEquals("no window of ±PT2M holds 3 of chmi, dwd, shmu", r.reason());
  }

  @Test
  void duplicateTimesMakeOneSlotAndTheFirstListedFrameWins() {
    List<Candidate> listed = aligned(List.of("dwd", "shmu", "chmi"), "14:50");
    listed.add(new Candidate("dwd", at("14:50"), "cache/dwd/14:50"));
    Result r = latest(List.of("dwd", "shmu", "chmi"), listed);
    assertEquals(List.of("14:50: chmi/14:50 dwd/14:50 shmu/14:50"), slots(r));
  }

  @Test
  void windowsOneMinuteApartAreBothAccepted() {
    List<Candidate> listed = aligned(List.of("dwd", "chmi"), "14:50");
    listed.addAll(frames("shmu", "14:51"));
    Result r = latest(List.of("dwd", "shmu", "chmi"), listed);
    assertEquals(List.of("14:51: chmi/14:50 dwd/14:50 shmu/14:51", "14:50: chmi/14:50 dwd/14:50 shmu/14:51"),
        slots(r));
  }

  @Test
  void emptyInput() {
    Result none = latest(List.of(), List.of());
    assertEquals(List.of(), none.slots());
    assertEquals(Map.of(), none.outages());
    assertEquals("only 0 core sources available (none), need 3", none.reason());

    // Frames of sources that were not requested are ignored.
    Result unlisted = latest(List.of("dwd", "shmu", "chmi"), aligned(List.of("omsz"), "14:50"));
    assertEquals(Map.of("chmi", "no frames", "dwd", "no frames", "shmu", "no frames"), unlisted.outages());
    assertEquals(List.of(), unlisted.slots());
  }

  @Test
  void settingsRefuseNonsense() {
    assertThrows(IllegalArgumentException.class,
        () -> new Settings(Duration.ofMinutes(2), Duration.ofMinutes(30), 3, 0, Set.of()));
    assertThrows(IllegalArgumentException.class,
        () -> new Settings(Duration.ofMinutes(-1), Duration.ofMinutes(30), 3, 6, Set.of()));
  }
}
