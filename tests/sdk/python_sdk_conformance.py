"""HubSpot's new official Python SDK (`hubspot-sdk`, generated from the date-based 2026-03 specs)
against `hubtui serve`, with the SDK's strict response validation on: every answer must match
the dated schema (required fields present, types right). Run by tests/sdk/run.sh."""
import sys
from hubspot_sdk import HubSpot

BASE = sys.argv[1]
c = HubSpot(access_token="local", base_url=BASE, _strict_response_validation=True, max_retries=0)
CARS = "2-3465404"
passed = []


def check(name, fn):
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - report which call failed and why, then fail the run
        print(f"hubspot-sdk: {name} failed: {type(e).__name__}: {e}", file=sys.stderr)
        raise
    passed.append(name)


state = {}


def objects():
    objs = c.crm.objects.generic_objects
    page = objs.list(CARS, limit=10, properties=["make", "model"])
    assert len(page.results) == 10 and page.paging.next.after
    made = objs.create(CARS, associations=[], properties={"VIN": "SDKNEW00000000001", "year": "2026", "make": "BMW", "model": "X1", "price": "51000"})
    assert made.properties["price"] == "51000"
    got = objs.get(made.id, object_type=CARS, properties=["price"], properties_with_history=["price"])
    assert got.properties["price"] == "51000" and len(got.properties_with_history["price"]) == 1
    upd = objs.update(made.id, object_type=CARS, properties={"price": "45000"})
    assert upd.properties["price"] == "45000"
    read = objs.batch.get(CARS, inputs=[{"id": made.id}], properties=["price"], properties_with_history=[])
    assert [r.properties["price"] for r in read.results] == ["45000"]
    state["car"] = made.id


def search():
    res = c.crm.objects.generic_objects.search(
        CARS,
        filter_groups=[{"filters": [{"propertyName": "year", "operator": "GTE", "value": "2020"}]}],
        sorts=["price"], properties=["year", "price"], limit=20, after="0")
    assert res.total > 0 and all(int(r.properties["year"]) >= 2020 for r in res.results)
    q = c.crm.objects.generic_objects.search(CARS, query="mazda", limit=3, after="0", filter_groups=[], properties=[], sorts=[])
    assert q.total > 0


def properties():
    props = c.crm.properties.list(CARS)
    assert any(p.name == "VIN" and p.has_unique_value for p in props.results)
    vin = c.crm.properties.get("VIN", object_type=CARS)
    assert vin.name == "VIN"
    groups = c.crm.properties.groups.list(CARS)
    assert groups.results


def schemas():
    sch = c.crm.object_schemas.list()
    assert [s.object_type_id for s in sch.results] == [CARS]
    one = c.crm.object_schemas.get(CARS)
    assert one.fully_qualified_name and one.searchable_properties is not None


def associations():
    labels = c.crm.associations_schema.labels.list_labels("contacts", from_object_type=CARS)
    assert labels.results
    spec = [{"associationCategory": l.category, "associationTypeId": l.type_id} for l in labels.results[:1]]
    contacts = c.crm.objects.contacts.list(limit=2)
    contact = contacts.results[0].id
    pair = c.crm.associations.update_labels(contact, object_type=CARS, object_id=state["car"], to_object_type="contacts", body=spec)
    assert str(pair.to_object_id) == contact
    listed = c.crm.associations.list("contacts", object_type=CARS, object_id=state["car"])
    assert [str(a.to_object_id) for a in listed.results] == [contact]
    batch = c.crm.associations.batch.get("contacts", from_object_type=CARS, inputs=[{"id": state["car"]}])
    assert [str(t.to_object_id) for r in batch.results for t in r.to] == [contact]
    c.crm.associations.batch.delete("contacts", from_object_type=CARS, inputs=[{"from": {"id": state["car"]}, "to": [{"id": contact}]}])
    after = c.crm.associations.list("contacts", object_type=CARS, object_id=state["car"])
    assert after.results == []


def owners():
    page = c.crm.owners.list(limit=5)
    assert page.results
    one = c.crm.owners.get(page.results[0].id)
    assert one.id == page.results[0].id


def pipelines():
    ps = c.crm.pipelines.list("deals")
    assert ps.results and ps.results[0].stages
    one = c.crm.pipelines.get(ps.results[0].id, object_type="deals")
    assert one.id == ps.results[0].id
    stages = c.crm.pipelines.list_stages(one.id, object_type="deals")
    assert all(s.write_permissions for s in stages.results)


def validations():
    rules = c.crm.properties_validations.get_by_object_type_id(CARS)
    assert any(r.property_name == "VIN" for r in rules.results)
    vin = c.crm.properties_validations.get_by_object_type_id_and_property_name("VIN", object_type_id=CARS)
    assert any(r.rule_type == "ALPHANUMERIC" for r in vin.results)


def cleanup():
    c.crm.objects.generic_objects.delete(state["car"], object_type=CARS)


for name, fn in [("objects", objects), ("search", search), ("properties", properties), ("schemas", schemas),
                 ("associations", associations), ("owners", owners), ("pipelines", pipelines),
                 ("property validations", validations), ("archive", cleanup)]:
    check(name, fn)
print(f"{len(passed)} passed, 0 failed: HubSpot's new Python SDK (hubspot-sdk, 2026-03, strict response validation) works against hubtui serve: {', '.join(passed)}")
