/// The default world, `scenarios/default.yaml`, built into the binary so `telesim serve` works with
/// no file beside it. A test keeps this text identical to the file, byte for byte.
public enum DefaultScenario {
    /// The YAML text of `scenarios/default.yaml`.
    public static let text = #"""
# yaml-language-server: $schema=./scenario.schema.json
#
# The default world: what `telesim serve` loads without --scenario (it is built into the binary too).
# It reuses the identifiers of the providers' own examples, so their code samples run against
# telesim with only the base URL changed. No rate limits and no concurrency caps: a scenario
# switches them on.
telesim: 1
name: default
description: >-
  The providers' documented example accounts, agents and numbers, with magic phone numbers that
  reach every call outcome (busy, no-answer, failed, a long call) without a scenario file.
seed: 1
clock:
  mode: virtual                 # time moves only when told: POST /_telesim/clock/advance

network:
  country: IN                   # numbers written without a country code are Indian
  default:                      # every other number: rings 3 s, answers, talks 30 s
    ring: 3s
    outcome: answered
    talk: 30s
    transcript:
      - agent: "Hi {{customer_name}}, this is Sales Agent calling about order {{order_id}}."
      - user: "Yes, go ahead."
  numbers:
    # Magic numbers, India (+91 90000 0000x)
    - match: "9000000001"       # +919000000001: busy
      outcome: busy
    - match: "9000000002"       # +919000000002: rings until the ring timeout, no answer
      outcome: no-answer
    - match: "9000000003"       # +919000000003: fails, unreachable
      outcome: failed
      cause: unreachable
    - match: "9000000004"       # +919000000004: answers and talks for 10 minutes
      talk: 10m
    # Magic numbers, United States (+1 415 555 000x)
    - match: "+14155550001"     # busy
      outcome: busy
    - match: "+14155550002"     # no answer
      outcome: no-answer
    - match: "+14155550003"     # fails, unreachable
      outcome: failed
      cause: unreachable
    - match: "+14155550004"     # answers and talks for 10 minutes
      talk: 10m

providers:
  edesy:
    workspaces:
      - id: default
        api_keys: [vp_live_your_api_key_here, vp_test_your_api_key_here, vp_YOUR_API_KEY]
        credits: 1000
        credits_per_minute: 1
        numbers: ["8065934975"]
        agents:
          - id: 123
            name: Sales Agent
            active: true
            provider: edesy-sip
            greeting: "Hi {{customer_name}}, this is Sales Agent calling about order {{order_id}}."
        masking:
          balance: 1000.00      # INR
          price_per_minute: 1.50
          masked_number: "917969002802"
          webhook_url: "${telesim}/_telesim/sink/edesy-masking"
          webhook_secret: whsec_default
  voiso:
    contact_centers:
      - cluster: demo
        api_keys:
          - key: contact_center_api_key
            scopes: [voice.call.manage, reporting.cdrs.read]
        caller_ids: ["18885658889"]
        webhook_url: "${telesim}/_telesim/sink/voiso"
        agents:
          - user_id: 1234
            name: Demo Agent
            email: agent@demo.example
            extension: "101"
            click_to_call: true
            signed_in: true
            status: available
            answer_after: 2s
  exotel:
    accounts:
      - sid: account_sid
        api_key: api_key
        api_token: api_token
        virtual_numbers: ["+911234567890"]
        users:
          - id: agent-uuid
            name: Demo Agent
            contact_uri: "sip:agent@exotel.com"
            device: "on"
            answer_after: 2s
  ringyo:
    accounts:
      - id: default
        api_keys: [YOUR_API_KEY]
        credits: 1000.00
        price_per_minute: 0.10
        numbers: ["+18005551234"]
        webhook_url: "${telesim}/_telesim/sink/ringyo"
        agents:
          - id: agent_abc123
            name: Follow-up agent

"""#
}
