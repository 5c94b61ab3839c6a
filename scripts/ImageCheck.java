import java.awt.image.BufferedImage;
import java.io.File;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * Checks that a screenshot is not blank: prints its size, distinct colours and the share of non-white pixels, and
 * exits 1 when the share is below the minimum (default 0.05) or there are fewer than 16 colours.
 * Run as a source file: {@code java scripts/ImageCheck.java out.png [min-share]}.
 */
public final class ImageCheck {

  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      System.err.println("usage: java scripts/ImageCheck.java IMAGE.png [min-non-white-share]");
      System.exit(2);
    }
    double minShare = args.length > 1 ? Double.parseDouble(args[1]) : 0.05;
    BufferedImage image = ImageIO.read(new File(args[0]));
    if (image == null) {
      System.err.println("ImageCheck: " + args[0] + " is not an image ImageIO can read");
      System.exit(1);
    }
    long nonWhite = 0;
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        int rgb = image.getRGB(x, y) & 0xffffff;
        colours.add(rgb);
        int r = rgb >> 16;
        int g = (rgb >> 8) & 0xff;
        int b = rgb & 0xff;
        if (r < 245 || g < 245 || b < 245) {
          nonWhite++;
        }
      }
    }
    double share = nonWhite / (double) ((long) image.getWidth() * image.getHeight());
    System.out.printf(Locale.ROOT, "%s: %dx%d, %d distinct colours, non-white pixel share %.4f%n", args[0],
        image.getWidth(), image.getHeight(), colours.size(), share);
    if (share < minShare || colours.size() < 16) {
      System.err.printf(Locale.ROOT, "ImageCheck: %s looks blank (non-white share %.4f < %.4f or %d colours < 16)%n",
          args[0], share, minShare, colours.size());
      System.exit(1);
    }
  }
}
