package io.c360.jobs.generate;

/** Cities of the sample with their Chinese names, centre coordinates and population weights. */
final class Cities {

  static final String[] EN = {"Shanghai", "Beijing", "Guangzhou", "Shenzhen", "Hangzhou", "Chengdu", "Wuhan",
      "Nanjing", "Xi'an", "Chongqing", "Tianjin", "Suzhou", "Changsha", "Qingdao", "Xiamen"};
  static final String[] ZH = {"上海", "北京", "广州", "深圳", "杭州", "成都", "武汉", "南京", "西安", "重庆", "天津", "苏州", "长沙",
      "青岛", "厦门"};
  static final double[] LAT = {31.2304, 39.9042, 23.1291, 22.5431, 30.2741, 30.5728, 30.5928, 32.0603, 34.3416,
      29.5630, 39.3434, 31.2990, 28.2282, 36.0671, 24.4798};
  static final double[] LON = {121.4737, 116.4074, 113.2644, 114.0579, 120.1551, 104.0668, 114.3055, 118.7969,
      108.9398, 106.5516, 117.3616, 120.5853, 112.9388, 120.3826, 118.0894};
  static final double[] WEIGHT_CUM = Dist.cumulative(14, 12, 9, 9, 7, 7, 6, 5, 5, 6, 5, 4, 4, 3, 3);

  private Cities() {
  }

  static int count() {
    return EN.length;
  }
}
