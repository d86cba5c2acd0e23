package diandan.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.JsonNode;

import diandan.adapter.json.Json;
import diandan.devkit.RepoRoot;
import diandan.local.LocalStack;

/**
 * The console in a real browser: headless Chromium from the operating system's packages, driven through its
 * chromedriver (both named explicitly, so that nothing is downloaded), against the local stack on a throwaway
 * engine. The pages are signed in to as the demo personas, no page shows a whole phone number to someone the
 * API masks it for, and a request is walked from submission through the board and the inbox to the dashboard.
 * Screenshots of each page go to target/screenshots/.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
    static final Path ROOT = RepoRoot.find();
    static final Path CHROMIUM = Path.of(System.getProperty("console.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("console.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = ROOT.resolve("console/target/screenshots");
    /** A whole mainland mobile number, as the demo's contacts and volunteers have them. */
    static final Pattern WHOLE_PHONE = Pattern.compile("(?<!\\d)1[3-9]\\d{9}(?!\\d)");
    static final String PHONE = "13912345678";
    /** The tests use WebDriver alone, no DevTools: Selenium's note that it has none for this Chromium is noise. */
    static final java.util.logging.Logger CDP_NOTES = java.util.logging.Logger.getLogger(
            "org.openqa.selenium.devtools.CdpVersionFinder");

    @TempDir
    static Path state;
    static LocalStack stack;
    static ChromeDriver browser;
    static WebDriverWait wait;
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        assertTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER), "the browser tests need "
                + CHROMIUM + " and " + CHROMEDRIVER + " (Debian: apt-get install chromium chromium-driver; .ci/run does)");
        CDP_NOTES.setLevel(java.util.logging.Level.SEVERE);
        stack = LocalStack.start(LocalStack.Options.defaults(ROOT, line -> { })
                .withStateDir(state).withPort(0).withInMemory(true).withBanner(false).withInvocations(i -> { }));
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1280,1000", "--lang=zh-CN", "--user-data-dir=" + state.resolve("chromium"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        // the pages redraw what they show after each step: an element read a moment ago may be gone
        wait = new WebDriverWait(browser, Duration.ofSeconds(15));
        wait.ignoring(StaleElementReferenceException.class);
        Files.createDirectories(SCREENSHOTS);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void eachPersonaSignsInSeesThePagesOfTheirRoleAndNoPhoneTheApiMasksForThem() throws IOException {
        Map<String, List<String>> menus = Map.of(
                "dispatcher", List.of("调度台", "心愿墙", "主任看板"),
                "leader", List.of("队伍待办", "心愿墙", "我的时长"),
                "volunteer", List.of("心愿墙", "我的时长"),
                "admin", List.of("调度台", "心愿墙", "主任看板"),
                "resident", List.of("心愿墙"));
        // whole contact data: a dispatcher's board, and a leader's inbox once the team has accepted
        Set<String> mayShowPhones = Set.of("dispatcher/board", "leader/inbox");
        for (Map.Entry<String, List<String>> persona : menus.entrySet()) {
            signIn(persona.getKey());
            List<String> menu = browser.findElements(By.cssSelector("#nav a")).stream().map(WebElement::getText).toList();
            assertEquals(persona.getValue(), menu, persona.getKey());
            for (String page : pages()) {
                open(page);
                if (page.equals("board")) {
                    waitFor("li.card");
                }
                String text = browser.findElement(By.tagName("body")).getText();
                if (!mayShowPhones.contains(persona.getKey() + "/" + page)) {
                    assertFalse(WHOLE_PHONE.matcher(text).find(), persona.getKey() + " sees a phone on " + page + ": " + text);
                }
                screenshot(persona.getKey() + "-" + page);
            }
        }
    }

    @Test
    @Order(2)
    void aRequestGoesFromSubmissionThroughTheBoardAndTheInboxToTheDashboard() throws Exception {
        signIn("dispatcher");
        open("dashboard");
        String requestsBefore = text(".total.requests .big");
        String resolvedBefore = text(".total.resolve small");

        String id = submit("独居老人需要帮忙更换灯泡，浏览器测试");

        open("board");
        WebElement card = waitFor("li.card[data-id='" + id + "']");
        assertTrue(card.getText().contains(PHONE), "the dispatcher sees the contact whole");
        assertEquals("邻里橙", card.findElement(By.cssSelector(".team")).getText(), "routed at submission");
        card.findElement(By.cssSelector("button.dispatch")).click();
        WebElement juandilv = waitFor("li.card[data-id='" + id + "'] button[data-team='xinbei-juandilv']");
        assertTrue(juandilv.getText().matches("(?s).*\\d+/5.*"), "the team's load and capacity: " + juandilv.getText());
        card.findElement(By.cssSelector("input.reason")).sendKeys("居民点名要涓滴绿");
        juandilv.click();
        wait.until(d -> d.findElement(By.cssSelector("li.card[data-id='" + id + "'] .team")).getText().equals("涓滴绿"));
        screenshot("board");
        int alerts = browser.findElements(By.cssSelector("li.alert")).size();
        assertTrue(alerts > 0, "the demo's missed respond clock raised an alert");
        click("li.alert button.ack");
        wait.until(d -> d.findElements(By.cssSelector("li.alert")).size() == alerts - 1);
        Files.copy(SCREENSHOTS.resolve("board.png"), SCREENSHOTS.resolve("board-after-dispatch.png"),
                StandardCopyOption.REPLACE_EXISTING);

        signIn("leader");
        open("inbox");
        String inboxCard = "li.card[data-id='" + id + "']";
        assertFalse(waitFor(inboxCard).getText().contains(PHONE), "masked until the team accepts");
        click(inboxCard + " button.accept");
        wait.until(d -> d.findElement(By.cssSelector(inboxCard)).getText().contains(PHONE));
        type(inboxCard + " input.text-reply", "今天下午上门");
        click(inboxCard + " button.reply");
        waitForNotice("已回复");
        click(inboxCard + " button.start");
        waitForNotice("已开始服务");
        type(inboxCard + " input.text-resolve", "已更换灯泡");
        click(inboxCard + " button.resolve");
        waitForNotice("已办结");
        click("li.card.status-resolved[data-id='" + id + "'] button.record-hours");
        type("li.card[data-id='" + id + "'] input.hours[data-volunteer='v0105']", "1.5");
        click("li.card[data-id='" + id + "'] button.save-hours");
        waitForNotice("已登记 1 条时长");
        screenshot("inbox");
        WebElement pending = wait.until(d -> d.findElements(By.cssSelector("li.record")).stream()
                .filter(r -> r.getText().contains("v0105") && r.getText().contains("1.5")).findFirst().orElse(null));
        pending.findElement(By.cssSelector("button.certify")).click();
        waitForNotice("已认证");

        WebElement other = wait.until(d -> d.findElements(By.cssSelector("li.card.status-dispatched")).stream()
                .filter(c -> c.getText().contains("整理杂物")).findFirst().orElse(null));
        String otherId = other.getDomAttribute("data-id");
        type("li.card[data-id='" + otherId + "'] input.text-decline", "本周人手不足");
        click("li.card[data-id='" + otherId + "'] button.decline");
        waitForNotice("已婉拒");
        wait.until(d -> d.findElements(By.cssSelector("li.card[data-id='" + otherId + "']")).isEmpty());

        signIn("dispatcher");
        open("dashboard");
        assertEquals(Integer.parseInt(requestsBefore) + 1, Integer.parseInt(text(".total.requests .big")));
        String[] before = resolvedBefore.replaceAll("[^0-9/]", "").split("/");
        String[] after = text(".total.resolve small").replaceAll("[^0-9/]", "").split("/");
        assertEquals(Integer.parseInt(before[0]) + 1, Integer.parseInt(after[0]), "one more resolve clock met");
        assertEquals(Integer.parseInt(before[1]) + 1, Integer.parseInt(after[1]), "one more judged");
        assertFalse(browser.findElements(By.cssSelector("svg.chart .bar title")).isEmpty(), "numbers on hover");
        screenshot("dashboard");
        assertNotEquals(resolvedBefore, text(".total.resolve small"));
    }

    @Test
    @Order(3)
    void theWishWallAndTheCertificateShowNoPhoneNumberAndAClaimTheApiRefusesSaysWhy() throws Exception {
        signIn("volunteer");
        open("me");
        click("button.show-certificate");
        String certificate = waitFor("article.certificate").getText();
        assertTrue(certificate.contains("吴永刚") && certificate.contains("3"), certificate);
        for (String field : new String[] {"证明编号：", "志愿者编号：", "出具单位：", "负责人：", "经办人：", "联系方式：",
                "出具日期：", "备注："}) {
            assertTrue(certificate.contains(field), field + " in " + certificate);
        }
        assertFalse(WHOLE_PHONE.matcher(certificate).find(), certificate);
        screenshot("certificate");

        signIn("resident");
        open("wishes");
        String wall = waitFor("ul.wall").getText();
        assertTrue(wall.contains("希望有志愿者周末陪孩子读书"), wall);
        assertFalse(wall.contains("****") || WHOLE_PHONE.matcher(wall).find(), "no contact data at all: " + wall);
        screenshot("wishes");

        signIn("leader");
        open("wishes");
        click("li.wish button.claim");
        // the demo's wish asks for 助学支教, which 涓滴绿 does not serve: the API says so and the page shows it
        wait.until(d -> d.findElements(By.cssSelector(".notice.error")).stream()
                .anyMatch(n -> n.getText().startsWith("认领失败：") && n.getText().length() > "认领失败：".length()));
        assertEquals(1, browser.findElements(By.cssSelector("li.wish")).size(), "the wish stays on the wall");
    }

    @Test
    @Order(4)
    void theInboxFitsAPhoneScreen() throws IOException {
        signIn("leader");
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
        try {
            open("inbox");
            waitFor("li.card button.accept");
            Number overflow = (Number) ((JavascriptExecutor) browser).executeScript(
                    "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
            assertEquals(0, overflow.intValue(), "nothing wider than the phone's screen");
            screenshot("inbox-phone");
        } finally {
            browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 1000));
        }
    }

    /** The pages in the menu of whoever is signed in. */
    static List<String> pages() {
        return browser.findElements(By.cssSelector("#nav a")).stream()
                .map(link -> link.getDomAttribute("href").substring(2)).toList();
    }

    /** Signs out whoever is signed in, then in as the persona, and waits for their first page. */
    static void signIn(String persona) {
        browser.get(stack.baseUri() + "/");
        ((JavascriptExecutor) browser).executeScript("sessionStorage.clear()");
        browser.navigate().refresh();
        waitFor("button[data-persona='" + persona + "']").click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#nav a.current")));
    }

    /** Opens a page and waits until it has loaded what it shows. */
    static void open(String page) {
        browser.get(stack.baseUri() + "/#/" + page);
        wait.until(d -> d.findElement(By.cssSelector("#nav a.current")).getDomAttribute("href").equals("#/" + page)
                && d.findElements(By.cssSelector("main > p.muted")).isEmpty()
                && ((JavascriptExecutor) d).executeScript("return document.readyState").equals("complete"));
        wait.until(d -> !d.findElement(By.id("app")).getText().isBlank()
                && d.findElements(By.xpath("//*[contains(text(),'正在载入')]")).isEmpty());
        assertTrue(browser.findElements(By.cssSelector(".notice.error")).isEmpty(),
                page + ": " + browser.findElement(By.id("app")).getText());
    }

    static WebElement waitFor(String css) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Clicks, again if the page redrew the element meanwhile. */
    static void click(String css) {
        wait.until(d -> {
            WebElement button = ExpectedConditions.elementToBeClickable(By.cssSelector(css)).apply(d);
            if (button == null) {
                return false;
            }
            button.click();
            return true;
        });
    }

    /** Types into a field, again if the page redrew it meanwhile (a focused field is not redrawn). */
    static void type(String css, String text) {
        wait.until(d -> {
            WebElement input = ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)).apply(d);
            if (input == null) {
                return false;
            }
            input.clear();
            input.sendKeys(text);
            return text.equals(input.getDomProperty("value"));
        });
    }

    static String text(String css) {
        return waitFor(css).getText();
    }

    static void waitForNotice(String text) {
        wait.until(d -> d.findElements(By.cssSelector(".notice")).stream().anyMatch(n -> n.getText().contains(text)));
    }

    static void screenshot(String name) throws IOException {
        ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0); document.activeElement?.blur()");
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** A resident's submission through the API, as the app would send it; the request's id. */
    static String submit(String description) throws Exception {
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/_local/sign-in"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"persona\":\"resident\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String token = Json.read(signedIn.body()).path("token").asText();
        String body = Json.write(Json.object().put("category", "elderly_care").put("description", description)
                .put("communityId", "xinbei").put("address", "新北社区3号楼2单元501").put("contactName", "张桂兰")
                .put("contactPhone", PHONE).put("channel", "app"));
        HttpResponse<String> created = http.send(HttpRequest.newBuilder(stack.baseUri().resolve("/requests"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(201, created.statusCode(), created.body());
        JsonNode request = Json.read(created.body());
        return request.path("id").asText();
    }
}
