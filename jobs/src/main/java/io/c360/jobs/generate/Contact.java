package io.c360.jobs.generate;

/**
 * Identifiers and personal data of one person across the source systems.
 *
 * @param personId       truth id, e.g. {@code P000000001}
 * @param accountId      order-system account ({@code A...}), null for guest-only persons
 * @param memberId       membership id ({@code M...}), null for non-members
 * @param householdId    household sharing the phone, or null
 * @param phone          main mobile number (11 digits), shared within a household
 * @param altPhone       second number used in the membership system by unlinkable persons, else null
 * @param email          first e-mail address (lower case)
 * @param newEmail       address after an e-mail change, or null
 * @param emailChangeDay epoch day of the change ({@link Integer#MAX_VALUE} if none)
 * @param altEmail       address used in the membership system by unlinkable persons, else null
 * @param nameZh         name in Chinese characters
 * @param namePinyin     name in pinyin, surname first
 * @param chineseName    whether the membership record shows the Chinese name
 * @param gender         {@code F}, {@code M} or empty
 * @param birthDay       epoch day of birth
 * @param city           home city (index into {@link Cities})
 * @param signupDay      membership signup day
 * @param signupTs       membership signup timestamp (seconds)
 * @param devices        app device ids (empty for non-app users)
 * @param deviceStart    first day of use of each device
 */
record Contact(String personId, String accountId, String memberId, String householdId, String phone, String altPhone,
               String email, String newEmail, int emailChangeDay, String altEmail, String nameZh, String namePinyin,
               boolean chineseName, String gender, int birthDay, int city, int signupDay, long signupTs,
               String[] devices, int[] deviceStart) {

  /** The e-mail address the person uses on that day. */
  String emailAt(int day) {
    return newEmail != null && day >= emailChangeDay ? newEmail : email;
  }

  /** The phone the membership system knows. */
  String memberPhone() {
    return altPhone != null ? altPhone : phone;
  }

  /** The e-mail the membership system knows on that day. */
  String memberEmailAt(int day) {
    return altEmail != null ? altEmail : emailAt(day);
  }

  /** Whether records at that time can carry the member id. */
  boolean memberAt(long ts) {
    return memberId != null && ts >= signupTs;
  }

  /** Index of the device in use on that day, or -1 before the first one. */
  int deviceAt(int day) {
    if (devices.length == 0 || day < deviceStart[0]) {
      return -1;
    }
    return devices.length > 1 && day >= deviceStart[1] ? 1 : 0;
  }
}
