package io.c360.jobs.generate;

import java.util.List;

/**
 * Simulates one person from its own random streams: traits, contact data, marketing touches (which drive the purchase
 * rate), the order timeline with dropout, then tickets and reviews, surveys and app events that follow from it.
 */
final class PersonSimulator {

  private final World world;
  private final TraitSampler traits;
  private final ContactFactory contacts;
  private final TouchSimulator touches;
  private final OrderSimulator orders;
  private final ServiceSimulator service;
  private final SurveySimulator surveys;
  private final EventSimulator events;

  PersonSimulator(World world) {
    this.world = world;
    this.traits = new TraitSampler(world.catalogue, world.startDay);
    this.contacts = new ContactFactory(world.seed, world.startDay, world.ids, world.phones);
    this.touches = new TouchSimulator(world);
    this.orders = new OrderSimulator(world);
    this.service = new ServiceSimulator();
    this.surveys = new SurveySimulator(world);
    this.events = new EventSimulator(world);
  }

  PersonHistory simulate(long index, HouseholdPlanner.Household household) {
    long ps = Seeds.personSeed(world.seed, index);
    Traits tr = traits.sample(index, Seeds.stream(ps, Seeds.Stream.TRAITS));
    Contact c = contacts.create(tr, household, Seeds.stream(ps, Seeds.Stream.CONTACT));
    List<Touch> tc = touches.simulate(tr, c, Seeds.stream(ps, Seeds.Stream.TOUCHES));
    OrderSimulator.Timeline timeline = orders.simulate(tr, c, tc, Seeds.stream(ps, Seeds.Stream.TIMELINE),
        Seeds.stream(ps, Seeds.Stream.BASKET), Seeds.stream(ps, Seeds.Stream.EXPERIENCE));
    ServiceSimulator.Service sv = service.simulate(tr, c, timeline.orders(), Seeds.stream(ps, Seeds.Stream.SERVICE));
    List<Survey> sy = surveys.simulate(tr, c, timeline, Seeds.stream(ps, Seeds.Stream.SURVEYS));
    List<AppEvent> ev = events.simulate(tr, c, timeline, Seeds.stream(ps, Seeds.Stream.EVENTS),
        Seeds.stream(ps, Seeds.Stream.FUNNELS));
    return new PersonHistory(tr, c, timeline.orders(), timeline.dropoutTs(), sv.tickets(), sv.reviews(), sy, ev, tc);
  }
}
