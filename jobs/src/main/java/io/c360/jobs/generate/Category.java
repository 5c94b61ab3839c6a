package io.c360.jobs.generate;

/**
 * Product categories with their share of demand, price level (log-normal median and spread, CNY), replenishment
 * cycle (days between re-buys of a favourite item; 0 = not replenished), and the nouns and brands of their products.
 */
enum Category {
  FRESH("fresh", 0.15, 28, 0.5, 0, 0,
      new String[] {"Apples", "Bananas", "Strawberries", "Salmon Fillet", "Pork Ribs", "Broccoli", "Tomatoes",
          "Free-range Eggs", "Beef Cubes", "Shrimp", "Spinach", "Grapes"},
      new String[] {"苹果", "香蕉", "草莓", "三文鱼", "猪肋排", "西兰花", "西红柿", "土鸡蛋", "牛肉块", "虾仁", "菠菜", "葡萄"},
      new String[] {"Hema", "Pagoda", "Xianfeng", "Yonghui", "Greenland Farm", "Joyvio"}),
  DAIRY("dairy", 0.11, 22, 0.45, 7, 18,
      new String[] {"Whole Milk", "Greek Yogurt", "Skim Milk", "Cheese Slices", "Butter", "Fresh Milk",
          "Drinking Yogurt", "Milk Powder"},
      new String[] {"纯牛奶", "希腊酸奶", "脱脂牛奶", "奶酪片", "黄油", "鲜牛奶", "酸奶饮品", "奶粉"},
      new String[] {"Mengniu", "Yili", "Bright", "Junlebao", "Anchor", "Wandashan"}),
  SNACKS("snacks", 0.11, 16, 0.5, 0, 0,
      new String[] {"Potato Chips", "Mixed Nuts", "Cookies", "Beef Jerky", "Chocolate", "Seaweed Snack",
          "Spicy Strips", "Dried Mango"},
      new String[] {"薯片", "每日坚果", "饼干", "牛肉干", "巧克力", "海苔", "辣条", "芒果干"},
      new String[] {"Three Squirrels", "Bestore", "Oreo", "Lay's", "Weilong", "Dove"}),
  BEVERAGES("beverages", 0.11, 14, 0.6, 0, 0,
      new String[] {"Mineral Water", "Green Tea", "Cola", "Coffee Beans", "Orange Juice", "Sparkling Water",
          "Milk Tea", "Energy Drink"},
      new String[] {"矿泉水", "绿茶", "可乐", "咖啡豆", "橙汁", "气泡水", "奶茶", "能量饮料"},
      new String[] {"Nongfu Spring", "Master Kong", "Coca-Cola", "Genki Forest", "Luckin", "Wahaha"}),
  BABY("baby", 0.05, 110, 0.5, 8, 25,
      new String[] {"Diapers", "Infant Formula", "Baby Wipes", "Baby Bottle", "Baby Lotion", "Rice Cereal"},
      new String[] {"纸尿裤", "婴儿配方奶粉", "婴儿湿巾", "奶瓶", "婴儿润肤乳", "婴儿米粉"},
      new String[] {"Pampers", "Moony", "Huggies", "Feihe", "Aptamil", "Babycare"}),
  HOUSEHOLD("household", 0.10, 32, 0.45, 20, 50,
      new String[] {"Laundry Detergent", "Facial Tissue", "Toilet Paper", "Dish Soap", "Trash Bags", "Floor Cleaner",
          "Kitchen Towels", "Dishwasher Tablets"},
      new String[] {"洗衣液", "抽纸", "卷纸", "洗洁精", "垃圾袋", "地板清洁剂", "厨房纸", "洗碗块"},
      new String[] {"Blue Moon", "Liby", "Vinda", "Breeze", "Mind Act Upon Mind", "Finish"}),
  PERSONAL_CARE("personal_care", 0.08, 55, 0.55, 0, 0,
      new String[] {"Shampoo", "Toothpaste", "Body Wash", "Face Cream", "Sunscreen", "Toothbrush Heads",
          "Razor Blades", "Hand Cream"},
      new String[] {"洗发水", "牙膏", "沐浴露", "面霜", "防晒霜", "电动牙刷头", "剃须刀片", "护手霜"},
      new String[] {"Head & Shoulders", "Crest", "Proya", "L'Oreal", "Pechoin", "Gillette"}),
  HEALTHY_FOOD("healthy_food", 0.05, 38, 0.45, 0, 0,
      new String[] {"Rolled Oats", "Quinoa", "Protein Bar", "Chia Seeds", "Low-sugar Granola", "Whole Wheat Bread",
          "Unsweetened Soy Milk", "Brown Rice"},
      new String[] {"燕麦片", "藜麦", "蛋白棒", "奇亚籽", "低糖格兰诺拉", "全麦面包", "无糖豆浆", "糙米"},
      new String[] {"Quaker", "Wholly Good", "Ffit8", "Vitasoy", "Organic Valley", "Shiyuan"}),
  ELECTRONICS("electronics", 0.025, 1600, 0.7, 0, 0,
      new String[] {"Smartphone", "Wireless Earbuds", "Tablet", "Smart Watch", "Bluetooth Speaker", "E-reader"},
      new String[] {"智能手机", "无线耳机", "平板电脑", "智能手表", "蓝牙音箱", "电子阅读器"},
      new String[] {"Huawei", "Xiaomi", "Apple", "Oppo", "Vivo", "Honor"}),
  PHONE_ACCESSORIES("phone_accessories", 0.04, 59, 0.5, 0, 0,
      new String[] {"Phone Case", "Fast Charger", "USB-C Cable", "Screen Protector", "Power Bank", "Car Mount"},
      new String[] {"手机壳", "快充充电器", "数据线", "钢化膜", "充电宝", "车载支架"},
      new String[] {"Huawei", "Xiaomi", "Apple", "Anker", "Ugreen", "Baseus"}),
  APPAREL("apparel", 0.085, 159, 0.55, 0, 0,
      new String[] {"T-shirt", "Jeans", "Down Jacket", "Sneakers", "Socks", "Hoodie", "Dress", "Sportswear"},
      new String[] {"T恤", "牛仔裤", "羽绒服", "运动鞋", "袜子", "卫衣", "连衣裙", "运动服"},
      new String[] {"Uniqlo", "Li-Ning", "Anta", "Bosideng", "Semir", "Peacebird"}),
  PET("pet", 0.04, 95, 0.55, 18, 40,
      new String[] {"Dog Food", "Cat Food", "Cat Litter", "Dog Treats", "Pet Shampoo", "Cat Treats"},
      new String[] {"狗粮", "猫粮", "猫砂", "狗零食", "宠物香波", "猫条"},
      new String[] {"Royal Canin", "Pedigree", "Whiskas", "Myfoodie", "Navarch", "Purina"});

  static final Category[] ALL = values();

  final String code;
  final double weight;
  final double medianPrice;
  final double priceSigma;
  final int cycleMin;
  final int cycleMax;
  final String[] nounsEn;
  final String[] nounsZh;
  final String[] brands;

  Category(String code, double weight, double medianPrice, double priceSigma, int cycleMin, int cycleMax,
           String[] nounsEn, String[] nounsZh, String[] brands) {
    this.code = code;
    this.weight = weight;
    this.medianPrice = medianPrice;
    this.priceSigma = priceSigma;
    this.cycleMin = cycleMin;
    this.cycleMax = cycleMax;
    this.nounsEn = nounsEn;
    this.nounsZh = nounsZh;
    this.brands = brands;
  }

  boolean replenishable() {
    return cycleMax > 0;
  }

  /** Everyday groceries: bought in larger quantities by families on weekends. */
  boolean grocery() {
    return this == FRESH || this == DAIRY || this == SNACKS || this == BEVERAGES || this == HEALTHY_FOOD;
  }

  int noun(String en) {
    for (int i = 0; i < nounsEn.length; i++) {
      if (nounsEn[i].equals(en)) {
        return i;
      }
    }
    throw new IllegalArgumentException("no noun " + en + " in " + code);
  }
}
