/// TEMPORARY stand-in until the scenario branch lands.
public enum DefaultScenario {
    public static let text = "telesim: 1\nname: default\n"
}
