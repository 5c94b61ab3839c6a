package io.c360.jobs.generate;

import java.util.SplittableRandom;

/**
 * Creates a person's {@link Contact}: names, unique e-mail addresses (QQ numbers or pinyin plus a person-unique
 * number; about 10% change their address once), the main phone (the household's when in one), a second phone and
 * e-mail for unlinkable members, birth date, membership signup and app devices.
 */
final class ContactFactory {

  private static final long CITY_SALT = 0xC17EL;
  private static final long MASK27 = (1L << 27) - 1;

  private final long seed;
  private final int startDay;
  private final Ids ids;
  private final Phones phones;
  private final long qqSalt;
  private final long mailSalt;
  private final long newMailSalt;
  private final long altMailSalt;

  ContactFactory(long seed, int startDay, Ids ids, Phones phones) {
    this.seed = seed;
    this.startDay = startDay;
    this.ids = ids;
    this.phones = phones;
    this.qqSalt = Seeds.hash(seed, 0xE3A11, 1) & MASK27;
    this.mailSalt = Seeds.hash(seed, 0xE3A11, 2) & MASK27;
    this.newMailSalt = Seeds.hash(seed, 0xE3A11, 3) & MASK27;
    this.altMailSalt = Seeds.hash(seed, 0xE3A11, 4) & MASK27;
  }

  /** Home city of a person or household head; a hash so that household members share it. */
  int cityOf(long index) {
    return Dist.pick(Seeds.unit(Seeds.hash(seed, CITY_SALT, index)), Cities.WEIGHT_CUM);
  }

  Contact create(Traits tr, HouseholdPlanner.Household household, SplittableRandom r) {
    long i = tr.index();
    double g = r.nextDouble();
    String gender = g < 0.55 ? "F" : g < 0.98 ? "M" : "";
    boolean female = !"M".equals(gender);
    int s = r.nextInt(Names.SURNAMES_ZH.length);
    int k = r.nextInt(Names.GIVEN_F_ZH.length);
    String surnameZh = Names.SURNAMES_ZH[s];
    String surnamePy = Names.SURNAMES_PY[s];
    String givenZh = female ? Names.GIVEN_F_ZH[k] : Names.GIVEN_M_ZH[k];
    String givenPy = female ? Names.GIVEN_F_PY[k] : Names.GIVEN_M_PY[k];
    String surname = Names.lower(surnamePy);
    String given = Names.lower(givenPy);

    String phone = phones.primary(household != null ? household.headIndex() : i);
    int city = cityOf(household != null ? household.headIndex() : i);
    String email = firstEmail(i, surname, given, r);
    String newEmail = null;
    int changeDay = Integer.MAX_VALUE;
    if (Dist.chance(r, 0.10)) {
      newEmail = given + surname + "." + Phones.permute(i, newMailSalt) + "@"
          + Names.DOMAINS[r.nextInt(Names.DOMAINS.length)];
      changeDay = tr.acquiredDay() + 30 + r.nextInt(700);
    }
    String altPhone = null;
    String altEmail = null;
    if (tr.unlinkable()) {
      altPhone = phones.secondary(i);
      altEmail = given + "_" + Phones.permute(i, altMailSalt) + "@" + Names.DOMAINS[r.nextInt(Names.DOMAINS.length)];
    }
    double age = Math.min(80.0, 18.0 + Dist.gamma(r, 3.0) * 5.5);
    int birthDay = startDay - (int) (age * 365.25) - r.nextInt(365);
    int signupDay = tr.preExisting() ? startDay - 1 - r.nextInt(1800) : tr.acquiredDay() - 20 + r.nextInt(41);
    long signupTs = signupDay * 86_400L + Dist.between(r, 8 * 3600, 23 * 3600);
    boolean chineseName = Dist.chance(r, 0.6);

    String[] devices = new String[0];
    int[] deviceStart = new int[0];
    if (tr.appUser()) {
      int first = tr.preExisting() ? startDay - r.nextInt(400) : tr.acquiredDay() - r.nextInt(15);
      if (tr.secondDevice()) {
        devices = new String[] {ids.device(i, 0), ids.device(i, 1)};
        deviceStart = new int[] {first, first + 60 + r.nextInt(600)};
      } else {
        devices = new String[] {ids.device(i, 0)};
        deviceStart = new int[] {first};
      }
    }
    return new Contact(Ids.person(i), tr.guestOnly() ? null : ids.account(i), tr.member() ? ids.member(i) : null,
        household != null ? household.id() : null, phone, altPhone, email, newEmail, changeDay, altEmail,
        surnameZh + givenZh, surnamePy + " " + givenPy, chineseName, gender, birthDay, city, signupDay, signupTs,
        devices, deviceStart);
  }

  private String firstEmail(long i, String surname, String given, SplittableRandom r) {
    double u = r.nextDouble();
    if (u < 0.35) {
      return (10_000_000L + Phones.permute(i, qqSalt)) + "@qq.com";
    }
    long number = Phones.permute(i, mailSalt);
    String domain = Names.DOMAINS[r.nextInt(Names.DOMAINS.length)];
    if (u < 0.6) {
      return given + "." + surname + number + "@" + domain;
    }
    if (u < 0.85) {
      return surname + given + number + "@" + domain;
    }
    return surname + "_" + given + number + "@" + domain;
  }
}
