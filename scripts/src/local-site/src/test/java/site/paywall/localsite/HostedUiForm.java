package site.paywall.localsite;

import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The hosted UI's sign-in form as cognito-local serves it at {@code /oauth2/authorize} (through the hosted-UI
 * stand-in): fields {@code username} and {@code password} and one submit button. For the sign-in steps of issue 8
 * (anonymous visit to /premium/, a second tab, sign-out) once the edge redirects there.
 */
final class HostedUiForm {
    private final WebDriver driver;
    private final String hostedUiUrl;

    HostedUiForm(WebDriver driver, String hostedUiUrl) {
        this.driver = driver;
        this.hostedUiUrl = hostedUiUrl;
    }

    /** Waits until the browser shows the form on the hosted-UI domain; fails if it does not within 10 s. */
    HostedUiForm awaitShown() {
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(ExpectedConditions.and(
                ExpectedConditions.urlContains(hostedUiUrl + "/oauth2/authorize"),
                ExpectedConditions.presenceOfElementLocated(By.name("username"))));
        return this;
    }

    boolean isShown() {
        return driver.getCurrentUrl().startsWith(hostedUiUrl + "/oauth2/authorize")
                && !driver.findElements(By.name("username")).isEmpty();
    }

    /** Types the credentials and submits; the browser then follows the redirect to the site's callback. */
    void signIn(String username, String password) {
        WebElement user = driver.findElement(By.name("username"));
        user.clear();
        user.sendKeys(username);
        WebElement pass = driver.findElement(By.name("password"));
        pass.clear();
        pass.sendKeys(password);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
    }
}
